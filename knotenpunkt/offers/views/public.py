"""Public pages of the offers catalogue: search (as a list or on a map), offer page, print.

Everybody may open them; they show only public offers (``selectors.public_offers``).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.vary import vary_on_headers

from knotenpunkt.core.collation import german
from knotenpunkt.core.decorators import district_view
from knotenpunkt.core.filters import renamed_parameters
from knotenpunkt.core.lifecycle.translation import TranslationStatus, current_translations
from knotenpunkt.core.links import back_link
from knotenpunkt.districts.models import Municipality

from .. import search, selectors
from ..cards import render_cards
from ..forms_public import OfferFilterForm
from ..links import OfferLinks
from ..models import Offer, OfferPlace, OfferTranslation

PAGE_SIZE = 20
# More markers make the map slow and unreadable; the page then asks to narrow the search.
MAX_MARKERS = 500


class CountedPaginator(Paginator):
    """A paginator told the number of results (the facet query has counted them)."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self):
        return self._count


@vary_on_headers("HX-Request")
@district_view
def catalogue(request):
    """Search the offers; htmx requests get only the results (and the updated counts)."""
    return _search_page(request, mode="list")


@vary_on_headers("HX-Request")
@district_view
def offer_map(request):
    """The same search, its results on a map above the list."""
    return _search_page(request, mode="map")


def _search_page(request, *, mode):
    district = request.district
    language = translation.get_language() or settings.LANGUAGE_CODE
    form = OfferFilterForm(request.GET or None, district=district)
    filters = form.filters()
    sort = filters.pop("sort", search.SORT_RELEVANCE)
    offers = selectors.public_offers(district=district)
    found = search.catalogue_search(district=district, using=offers.db, **filters)
    form.show_counts(found.facets())
    links = OfferLinks(district)
    paginator = CountedPaginator(
        _ResultPage(found, sort, language, district, links), PAGE_SIZE, count=found.total
    )
    page = paginator.get_page(request.GET.get("page"))
    cards = page.object_list
    if not form.searchable:
        # A search text that is too long: its error, and no list that it did not filter.
        page, cards = CountedPaginator([], PAGE_SIZE, count=0).get_page(1), []
    query = renamed_parameters(request.GET)
    query.pop("page", None)
    query_string = query.urlencode()
    context = {
        "form": form,
        "page": page,
        "cards": render_cards(cards, language),
        "mode": mode,
        "query_string": query_string,
        "provider": form.chosen_provider,
        "untranslated": language != "de" and any(card.text_language != language for card in cards),
        "list_url": _with_query(reverse("offers:catalogue", args=[district.slug]), query_string),
        "map_url": _with_query(reverse("offers:map", args=[district.slug]), query_string),
    }
    if mode == "map":
        results = search.offer_search(offers, sort=sort, **filters)
        context.update(_map_context(results, language, links))
    if request.htmx:
        return render(request, "offers/partials/_public_update.html", context)
    return render(request, "offers/public/catalogue.html", context)


class _ResultPage:
    """The results as the paginator slices them: only the page's offers are loaded."""

    def __init__(self, found, sort, language, district, links):
        self.found, self.sort, self.language = found, sort, language
        self.district, self.links = district, links

    def __len__(self):
        return self.found.total

    def __getitem__(self, bounds):
        ids = self.found.page(bounds.start, bounds.stop - bounds.start, self.sort)
        return selectors.public_cards(
            district=self.district, ids=ids, language=self.language, links=self.links
        )


def _with_query(url, query_string):
    return f"{url}?{query_string}" if query_string else url


def _map_context(results, language, links):
    """The places of the results as map markers (one query).

    A place without coordinates of its own stands at its municipality's (editors often
    leave them empty); a place where neither is known is left out.
    """
    current = current_translations(
        OfferTranslation.objects.filter(offer=OuterRef("offer"), language=language),
        text_hash_of_source=OuterRef("offer__text_hash"),
    )
    own = Q(latitude__isnull=False, longitude__isnull=False)

    def coordinate(name):
        return Case(When(own, then=F(name)), default=F(f"municipality__{name}"))

    places = (
        OfferPlace.objects.filter(offer__in=results.order_by().values("pk"))
        .annotate(
            translated_title=Subquery(current.values("title")[:1]),
            marker_latitude=coordinate("latitude"),
            marker_longitude=coordinate("longitude"),
        )
        .filter(marker_latitude__isnull=False, marker_longitude__isnull=False)
        .values(
            "offer_id",
            "offer__title",
            "offer__revision_of_id",
            "translated_title",
            "name",
            "city",
            "marker_latitude",
            "marker_longitude",
        )
        .order_by(german("offer__title"), "offer_id", "pk")[: MAX_MARKERS + 1]
    )
    markers = []
    for place in places:
        offer = Offer(pk=place["offer_id"], revision_of_id=place["offer__revision_of_id"])
        markers.append(
            {
                "lat": float(place["marker_latitude"]),
                "lon": float(place["marker_longitude"]),
                "title": place["translated_title"] or place["offer__title"],
                "place": ", ".join(part for part in (place["name"], place["city"]) if part),
                "url": links(offer),
            }
        )
    return {
        "markers": markers[:MAX_MARKERS],
        "markers_cut": len(markers) > MAX_MARKERS,
        "max_markers": MAX_MARKERS,
        "tile_url": settings.KNOTENPUNKT_MAP_TILE_URL,
        "tile_attribution": settings.KNOTENPUNKT_MAP_ATTRIBUTION,
    }


def _offer_context(request, pk):
    try:
        offer = selectors.public_offer(district=request.district, pk=pk)
    except Offer.DoesNotExist as exc:
        raise Http404 from exc
    language = translation.get_language() or settings.LANGUAGE_CODE
    translated = selectors.translation_for(offer, language)
    status = selectors.translation_status(offer, language)
    names = dict(
        Municipality.objects.filter(
            pk__in={place.municipality_id for place in offer.place_list}
        ).values_list("pk", "name")
    )
    for place in offer.place_list:
        place.municipality_name = names.get(place.municipality_id, "")
    url = reverse("offers:offer", kwargs={"district_slug": request.district.slug, "pk": offer.pk})
    return {
        "offer": offer,
        "text": translated or offer,
        # The German text stands in for a translation that is missing or outdated; the
        # note says which, so that a reader knows whether one is on its way.
        "german_fallback": status in (TranslationStatus.MISSING, TranslationStatus.OUTDATED),
        "translation_outdated": status == TranslationStatus.OUTDATED,
        "category": offer.category.label(language),
        "places": offer.place_list,
        "times": list(offer.times.all()),
        "share_url": request.build_absolute_uri(url),
        # Back to the search the visitor came from, with its text and filters.
        "back_url": back_link(
            request,
            reverse("offers:catalogue", args=[request.district.slug]),
            reverse("offers:map", args=[request.district.slug]),
        ),
    }


@district_view
def offer(request, pk):
    return render(request, "offers/public/offer.html", _offer_context(request, pk))


@district_view
def offer_print(request, pk):
    """The offer on one sheet of paper: no navigation, print styles."""
    return render(request, "offers/public/offer_print.html", _offer_context(request, pk))


urlpatterns = [
    path("<slug:district_slug>/angebote/", catalogue, name="catalogue"),
    path("<slug:district_slug>/angebote/karte/", offer_map, name="map"),
    path("<slug:district_slug>/angebote/<int:pk>/", offer, name="offer"),
    path("<slug:district_slug>/angebote/<int:pk>/drucken/", offer_print, name="offer_print"),
]
