"""What the public portal brings to the kernel: its entries of the public navigation."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import AppPlugin, NavEntry

plugin = AppPlugin(
    public_navigation=[
        NavEntry(_("Home"), "portal:district_home", order=0),
        NavEntry(_("Municipalities"), "portal:municipalities", order=45),
    ],
    view_access=["tests.view_access"],
)
