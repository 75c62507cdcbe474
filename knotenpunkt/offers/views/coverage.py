"""Coverage of the offers: which municipality can reach offers of which category, and the gaps.

Planners see it in the workspace; the public sees it if the district chose so
(``District.offer_coverage_public``).
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from knotenpunkt.core.decorators import district_permission_required, district_view

from ..permissions import can_view_overviews
from ..selectors import offer_coverage


def _context(district):
    coverage = offer_coverage(district=district)
    language = get_language()
    # Each count links to the offers it counts: the catalogue filtered by the municipality
    # and the category (which includes its sub-categories, as the count does).
    catalogue = reverse("offers:catalogue", args=[district.slug])
    for row in coverage.rows:
        place = {"municipality": row.municipality.pk}
        row.cells = [
            (count, f"{catalogue}?{urlencode({'category': category.pk, **place})}")
            for count, category in zip(row.counts, coverage.categories, strict=True)
        ]
        row.total_url = f"{catalogue}?{urlencode(place)}"
    return {
        "coverage": coverage,
        "category_labels": [category.label(language) for category in coverage.categories],
        "review_months": district.offer_review_months,
    }


@district_permission_required(can_view_overviews)
def coverage(request):
    return render(request, "offers/coverage/workspace.html", _context(request.district))


@district_view
def coverage_public(request):
    district = request.district
    if not district.offer_coverage_public:
        raise Http404
    return render(request, "offers/coverage/public.html", _context(district))


urlpatterns = [
    path("<slug:district_slug>/workspace/angebote/abdeckung/", coverage, name="coverage"),
    path("<slug:district_slug>/angebote/abdeckung/", coverage_public, name="coverage_public"),
]
