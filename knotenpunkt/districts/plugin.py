"""What the districts app brings to the kernel: the settings page and the demo districts."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import AppPlugin, DemoLoader, NavEntry

from .demo import load_districts_demo
from .permissions import can_edit_district_settings

plugin = AppPlugin(
    workspace_navigation=[
        NavEntry(
            _("District settings"),
            "districts:settings",
            order=50,
            group="district",
            visible=can_edit_district_settings,
        ),
    ],
    demo=DemoLoader(order=0, load=load_districts_demo),
    view_access=["tests.view_access"],
)
