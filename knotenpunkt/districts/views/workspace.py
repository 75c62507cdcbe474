"""The logged-in workspace of a district: "Mein Knotenpunkt" and the district settings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knotenpunkt.accounts.permissions import can_invite, can_view_members
from knotenpunkt.core.decorators import district_permission_required
from knotenpunkt.core.lifecycle.changes import StaleEdit
from knotenpunkt.directory.permissions import (
    can_import_export,
    can_manage_downloads,
    can_view_stale,
)

from ..forms import DistrictSettingsForm
from ..models import District
from ..permissions import can_edit_district_settings, can_view_workspace
from ..selectors import memberships_of_user
from ..services import district_update_settings


@district_permission_required(can_view_workspace)
def workspace_home(request):
    district = request.district
    user = request.user
    context = {
        "memberships": memberships_of_user(user=user, district=district),
        "can_edit_settings": can_edit_district_settings(user, district),
        "can_view_members": can_view_members(user, district),
        "can_invite": can_invite(user, district),
        "can_view_stale": can_view_stale(user, district),
        "can_import_export": can_import_export(user, district),
        "can_manage_downloads": can_manage_downloads(user, district),
    }
    return render(request, "districts/workspace_home.html", context)


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
