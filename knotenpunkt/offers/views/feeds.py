"""The Atom feed of new offers of a district, optionally for a municipality, a category or
an organisation: /<district>/angebote/feed/?municipality=…&category=…&provider=…"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.urls import path, reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..forms_embed import FeedFilterForm, chosen_language
from ..links import OfferLinks
from ..search import offer_search
from ..selectors import public_offers, translation_for, with_public_details

FEED_SIZE = 50


class OfferFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        language = chosen_language(request.GET.get("lang"), translation.get_language())
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    def get_object(self, request, district_slug):
        district = getattr(request, "district", None)
        if district is None or district.slug != district_slug:
            raise Http404
        form = FeedFilterForm(request.GET, district=district)
        return {"district": district, "filters": form.filters(), "request": request}

    def title(self, obj):
        return _("New offers – %(district)s") % {"district": obj["district"].name}

    def subtitle(self, obj):
        filters = obj["filters"]
        parts = []
        if "municipality" in filters:
            parts.append(_("in %(municipality)s") % {"municipality": filters["municipality"].name})
        if "category" in filters:
            language = translation.get_language()
            parts.append(_("on %(category)s") % {"category": filters["category"].label(language)})
        provider = filters.get("provider")
        if provider is not None and provider.is_public:
            parts.append(_("of %(organisation)s") % {"organisation": provider.name})
        if not parts:
            return _("The newest offers of the integration network.")
        return _("The newest offers of the integration network %(filters)s.") % {
            "filters": ", ".join(parts)
        }

    def link(self, obj):
        return reverse("offers:catalogue", kwargs={"district_slug": obj["district"].slug})

    def items(self, obj):
        district = obj["district"]
        language = translation.get_language()
        offers = offer_search(public_offers(district=district), **obj["filters"]).order_by(
            F("published_at").desc(nulls_last=True), "-pk"
        )
        items = list(with_public_details(offers)[:FEED_SIZE])
        links = OfferLinks(district, obj["request"])
        home = obj["request"].build_absolute_uri(district.get_absolute_url())
        for offer in items:
            text = translation_for(offer, language) or offer
            offer.feed_title = text.title
            offer.feed_summary = text.summary
            offer.feed_category = offer.category.label(language)
            offer.feed_link = links(offer) or f"{home}#angebot-{offer.pk}"
        return items

    def item_title(self, item):
        return item.feed_title

    def item_description(self, item):
        return item.feed_summary

    def item_link(self, item):
        return item.feed_link

    def item_author_name(self, item):
        return item.provider.name

    def item_categories(self, item):
        return [item.feed_category]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


urlpatterns = [
    path("<slug:district_slug>/angebote/feed/", OfferFeed(), name="feed"),
]
