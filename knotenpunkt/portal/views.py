"""Public pages: the installation's landing page and each district's portal."""

from django.shortcuts import render

from knotenpunkt.core.decorators import district_view
from knotenpunkt.districts.selectors import districts_public, regions_with_municipalities


def landing(request):
    return render(request, "portal/landing.html", {"districts": districts_public()})


@district_view
def district_home(request):
    return render(request, "portal/district_home.html")


@district_view
def municipalities(request):
    regions = regions_with_municipalities(district=request.district)
    return render(request, "portal/municipalities.html", {"regions": regions})


@district_view
def imprint(request):
    return _legal_page(request, "imprint")


@district_view
def privacy(request):
    return _legal_page(request, "privacy")


@district_view
def accessibility(request):
    return _legal_page(request, "accessibility")


def _legal_page(request, kind):
    return render(request, "portal/legal_page.html", {"kind": kind})
