"""What the workspace app contributes: the kernel's groups of the workspace navigation
(overview, district, my account; the domain apps add their own) and the home page."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import AppPlugin, NavEntry, NavGroup

from .permissions import can_view_workspace

plugin = AppPlugin(
    workspace_groups=[
        NavGroup("overview", _("Overview"), order=0),
        NavGroup("district", _("District"), order=80),
        NavGroup("account", _("My account"), order=90),
    ],
    workspace_navigation=[
        NavEntry(
            _("My Knotenpunkt"),
            "workspace:home",
            order=0,
            group="overview",
            visible=can_view_workspace,
        ),
    ],
    view_access=["tests.view_access"],
)
