"""Public pages: the installation's landing page and each district's portal."""

from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from knotenpunkt.core.decorators import district_view
from knotenpunkt.districts.forms import MunicipalityFilterForm
from knotenpunkt.districts.selectors import districts_public, municipalities_search


def landing(request):
    return render(request, "portal/landing.html", {"districts": districts_public()})


@district_view
def district_home(request):
    return render(request, "portal/district_home.html")


@vary_on_headers("HX-Request")
@district_view
def municipalities(request):
    """List the municipalities; htmx requests get only the results fragment."""
    district = request.district
    form = MunicipalityFilterForm(request.GET or None, district=district)
    context = {
        "form": form,
        "municipalities": municipalities_search(district=district, **form.filters()),
    }
    if request.htmx:
        return render(request, "portal/partials/_municipality_results.html", context)
    return render(request, "portal/municipalities.html", context)


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
