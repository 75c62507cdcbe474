"""The workspace list of offers as a CSV or XLSX download: the same filters, the same rows."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.spreadsheets import table_response

from .. import selectors
from ..exporting import offer_table
from ..forms import OfferFilterForm
from ..permissions import can_open_offer_workspace


@require_GET
@district_permission_required(can_open_offer_workspace)
def workspace_export(request):
    district = request.district
    filters = OfferFilterForm(request.GET or None).filters()
    offers = selectors.offers_for_workspace(district=district, actor=request.user, filters=filters)
    header, rows = offer_table(offers, language=get_language())
    return table_response(
        header,
        rows,
        file_format=request.GET.get("format", "csv"),
        filename=f"{district.slug}-angebote-{timezone.localdate():%Y-%m-%d}",
        title=_("Offers"),
    )


urlpatterns = [
    path(
        "<slug:district_slug>/workspace/angebote/export/",
        workspace_export,
        name="workspace_export",
    ),
]
