"""The rows of the offer form (places, times) added in the browser, and the address look-up.

With JavaScript, "Add a place" fetches one empty row (htmx) and raises the formset's row
count out of band; without it, the same button submits the form, which is shown again with
one more row and nothing saved (``add_row``, used by the create and edit views).
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from knotenpunkt.core import geocoding
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.formsets import with_one_more_row
from knotenpunkt.districts.models import Municipality

from ..forms import ROW_FORMSETS, focus_first_field, locate
from ..permissions import can_use_offer_workspace

# The submit button that adds a row without JavaScript: name="add_row" value="<prefix>".
ADD_ROW = "add_row"


def form_context():
    """What the offer form's templates need beyond the forms: the map of the places."""
    return {
        "tile_url": settings.KNOTENPUNKT_MAP_TILE_URL,
        "tile_attribution": settings.KNOTENPUNKT_MAP_ATTRIBUTION,
        "geocoder": geocoding.is_enabled(),
    }


def wants_row(request):
    """Return the prefix of the formset the submitted form asks a row for, or None."""
    prefix = request.POST.get(ADD_ROW)
    return prefix if prefix in ROW_FORMSETS else None


def with_row(request, prefix):
    """Return the submitted data with one more row of ``prefix``; None (and a message) when
    the formset is full."""
    formset_class = ROW_FORMSETS[prefix]
    data = with_one_more_row(request.POST, prefix, formset_class.max_num)
    if data is None:
        messages.error(
            request,
            _("No more rows can be added here: at most %(number)s are possible.")
            % {"number": formset_class.max_num},
        )
    return data


@require_GET
@district_permission_required(can_use_offer_workspace)
def offer_form_row(request, prefix):
    """One empty row of the offer form (htmx), with the formset's raised row count."""
    if prefix not in ROW_FORMSETS:
        raise Http404
    formset_class = ROW_FORMSETS[prefix]
    try:
        index = int(request.GET.get(f"{prefix}-TOTAL_FORMS", "0"))
    except ValueError as exc:
        raise Http404 from exc
    form_kwargs = {"district": request.district} if prefix == "places" else {}
    formset = formset_class(prefix=prefix, form_kwargs=form_kwargs)
    context = {
        **form_context(),
        "prefix": prefix,
        "full": not 0 <= index < formset_class.max_num,
        "max_num": formset_class.max_num,
        "total": index + 1,
    }
    if not context["full"]:
        row = formset.new_row(index)
        focus_first_field(row)
        context["row"] = row
        context["number"] = index + 1
    response = render(request, "offers/partials/_added_row.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@district_permission_required(can_use_offer_workspace)
def place_lookup(request):
    """The coordinates of an address (JSON) for the pin of a place: looked up, or the centre
    of the municipality; ``found`` tells which."""
    municipality = None
    key = request.GET.get("municipality", "")
    if key.isdigit():
        municipality = Municipality.objects.in_district(request.district).filter(pk=key).first()
    place = {
        "street": request.GET.get("street", "")[:200],
        "postal_code": request.GET.get("postal_code", "")[:5],
        "city": request.GET.get("city", "")[:100],
        "municipality": municipality,
    }
    latitude, longitude, found = locate(place)
    return JsonResponse(
        {
            "found": found,
            "latitude": str(latitude) if latitude is not None else None,
            "longitude": str(longitude) if longitude is not None else None,
        }
    )


urlpatterns = [
    path(
        "<slug:district_slug>/workspace/angebote/zeile/<slug:prefix>/",
        offer_form_row,
        name="offer_form_row",
    ),
    path(
        "<slug:district_slug>/workspace/angebote/ort-suchen/",
        place_lookup,
        name="place_lookup",
    ),
]
