"""The catalogue for other websites: an iframe-able page, and the page that builds its code.

A municipality or a partner puts the public offers for its municipality, or of its
organisation, on its own website. The embedded page has no header, navigation or footer of
ours and a neutral style of its own; it is the only page other sites may frame.
"""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from knotenpunkt.core.decorators import district_view
from knotenpunkt.directory.models import Organisation

from ..forms_embed import EmbedFilterForm, EmbedSnippetForm, chosen_language
from ..links import OfferLinks
from ..search import offer_search
from ..selectors import public_offers, translation_for, with_public_details

PAGE_SIZE = 10

# The frame's size in the snippet, in CSS pixels.
EMBED_WIDTH = 600
EMBED_HEIGHT = 600


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@district_view
def embed(request):
    """The public offers for a municipality or of an organisation, to be framed anywhere."""
    district = request.district
    language = chosen_language(request.GET.get("lang"), translation.get_language())
    with translation.override(language):
        form = EmbedFilterForm(request.GET, district=district)
        filters = form.filters()
        offers = offer_search(public_offers(district=district), **filters)
        page = Paginator(with_public_details(offers), PAGE_SIZE).get_page(request.GET.get("page"))
        links = OfferLinks(district)
        entries = [_entry(offer, language, links) for offer in page.object_list]
        query = request.GET.copy()
        query.pop("page", None)
        response = render(
            request,
            "offers/embed/embed.html",
            {
                "form": form,
                "page": page,
                "entries": entries,
                "language": language,
                "heading": _heading(district, filters, named=bool(entries)),
                "query_string": query.urlencode(),
            },
        )
    response["Content-Language"] = language
    return response


def _entry(offer, language, links):
    translated = translation_for(offer, language)
    text = translated or offer
    return {
        "offer": offer,
        "url": links(offer),
        "title": text.title,
        "summary": text.summary,
        # The German text, where no current translation exists, is marked as German.
        "text_language": language if translated or language == "de" else "de",
        "category": offer.category.label(language),
        "places": [place for place in offer.place_list if place.name or place.city],
    }


def _heading(district, filters, *, named=False):
    """Name the municipality or organisation; an organisation outside the public directory
    only where its offers show its name anyway (``named``)."""
    municipality = filters.get("municipality")
    provider = filters.get("provider")
    if provider is not None and (provider.is_public or named):
        return _("Offers of %(organisation)s") % {"organisation": provider.name}
    if municipality is not None:
        return _("Offers in %(municipality)s") % {"municipality": municipality.name}
    return _("Offers in %(district)s") % {"district": district.name}


@district_view
def embed_snippet(request):
    """Build the code a partner puts on its website, with a preview."""
    district = request.district
    providers = Organisation.objects.in_district(district).filter(
        pk__in=public_offers(district=district).values("provider_id")
    )
    form = EmbedSnippetForm(request.GET or None, district=district, providers=providers)
    query = form.embed_query() if request.GET else {}
    context = {"form": form}
    if query is not None:
        src = request.build_absolute_uri(
            reverse("offers:embed", kwargs={"district_slug": district.slug})
        )
        if query:
            src = f"{src}?{urlencode(query)}"
        # The organisations to choose from all have public offers, which show their names.
        title = _heading(district, form.cleaned_data if request.GET else {}, named=True)
        # Valid HTML, which partners copy: width and height are pixels (width="100%" is
        # invalid). Without a style of its own, the partner's stylesheet sizes the frame (most
        # have iframe { max-width: 100% }); the page inside adapts to any width.
        snippet = format_html(
            '<iframe src="{}" title="{}" loading="lazy" width="{}" height="{}"></iframe>',
            src,
            title,
            EMBED_WIDTH,
            EMBED_HEIGHT,
        )
        context.update(
            {
                "src": src,
                "title": title,
                "snippet": snippet,
                "width": EMBED_WIDTH,
                "height": EMBED_HEIGHT,
            }
        )
    return render(request, "offers/embed/snippet.html", context)


urlpatterns = [
    path("<slug:district_slug>/angebote/einbetten/", embed, name="embed"),
    path("<slug:district_slug>/angebote/einbetten/code/", embed_snippet, name="embed_snippet"),
]
