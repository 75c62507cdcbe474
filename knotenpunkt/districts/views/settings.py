"""The district settings: contact data, logo, legal texts, review periods."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.decorators import district_permission_required

from ..forms import DistrictSettingsForm
from ..models import District
from ..permissions import can_edit_district_settings
from ..services import district_update_settings


@require_http_methods(["GET", "POST"])
@district_permission_required(can_edit_district_settings)
def district_settings(request):
    district = request.district
    # Bind the form to a copy so the service sees what was there before.
    form = DistrictSettingsForm(
        request.POST or None, request.FILES or None, instance=District.objects.get(pk=district.pk)
    )
    if request.method == "POST" and form.is_valid():
        district_update_settings(actor=request.user, district=district, **form.cleaned_data)
        messages.success(request, _("The district settings have been saved."))
        return redirect("districts:settings", district_slug=district.slug)
    return render(request, "districts/settings.html", {"form": form})
