"""The district settings: contact data, logo, legal texts, review periods."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.lifecycle.changes import StaleEdit

from ..forms import DistrictSettingsForm
from ..models import District
from ..permissions import can_edit_district_settings
from ..services import district_update_settings


@require_http_methods(["GET", "POST"])
@district_permission_required(can_edit_district_settings)
def district_settings(request):
    district = request.district

    def settings_form(data=None, files=None):
        # Bound to a copy so the service sees what was there before.
        return DistrictSettingsForm(data, files, instance=District.objects.get(pk=district.pk))

    form = settings_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            district_update_settings(actor=request.user, district=district, **form.cleaned_data)
        except StaleEdit as error:
            # Show what is saved now, so that the person can make their changes again.
            messages.error(request, error.message)
            return render(request, "districts/settings.html", {"form": settings_form()}, status=409)
        messages.success(request, _("The district settings have been saved."))
        return redirect("districts:settings", district_slug=district.slug)
    return render(request, "districts/settings.html", {"form": form})
