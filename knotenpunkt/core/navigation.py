"""The main navigation of the layout: what the visitor's roles open up."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False


def main_navigation(request, district):
    if district is None:
        return []
    from knotenpunkt.accounts.permissions import can_view_members
    from knotenpunkt.directory.permissions import can_use_directory_workspace
    from knotenpunkt.districts.permissions import can_edit_district_settings, can_view_workspace
    from knotenpunkt.offers.permissions import can_review_some, can_use_offer_workspace

    kwargs = {"district_slug": district.slug}
    candidates = [
        (_("Home"), "portal:district_home", True),
        (_("Directory"), "directory:directory", True),
        (_("Offers"), "offers:catalogue", True),
        (_("Who is responsible?"), "directory:responsible", True),
        (_("Get involved"), "directory:get_involved", True),
        (_("Municipalities"), "portal:municipalities", True),
        (_("Downloads"), "downloads:index", True),
        (_("My Knotenpunkt"), "districts:workspace", can_view_workspace(request.user, district)),
        (
            _("Edit directory"),
            "directory:workspace_list",
            can_use_directory_workspace(request.user, district),
        ),
        (
            _("Edit offers"),
            "offers:workspace_list",
            can_use_offer_workspace(request.user, district)
            or can_review_some(request.user, district),
        ),
        (_("Members"), "accounts:members", can_view_members(request.user, district)),
        (
            _("District settings"),
            "districts:settings",
            can_edit_district_settings(request.user, district),
        ),
    ]
    items = []
    for label, url_name, visible in candidates:
        if not visible:
            continue
        url = reverse(url_name, kwargs=kwargs)
        items.append(NavItem(label=label, url=url, active=request.path == url))
    return items
