"""What the download centre brings to the kernel."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import AppPlugin, NavEntry

from .permissions import can_manage_downloads

plugin = AppPlugin(
    public_navigation=[NavEntry(_("Downloads"), "downloads:index", order=60, match_prefix=True)],
    workspace_navigation=[
        NavEntry(
            _("Download centre"),
            "downloads:manage",
            order=40,
            group="directory",
            visible=can_manage_downloads,
            match_prefix=True,
        ),
    ],
    view_access=["tests.view_access"],
)
