"""What the accounts app (people, their roles, invitations) brings to the kernel."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.core.permissions import is_member
from knotenpunkt.core.plugins import AppPlugin, DemoLoader, HomePanel, NavEntry

from . import notifications, selectors
from .demo import load_people_demo
from .permissions import can_manage_members, can_view_members

plugin = AppPlugin(
    workspace_navigation=[
        NavEntry(
            _("Members"),
            "accounts:members",
            order=10,
            group="district",
            visible=can_view_members,
            match_prefix=True,
        ),
        NavEntry(_("Profile"), "accounts:profile", order=0, group="account", in_district=False),
        NavEntry(
            _("E-mail addresses"), "account_email", order=20, group="account", in_district=False
        ),
        NavEntry(
            _("Password"), "account_change_password", order=30, group="account", in_district=False
        ),
        NavEntry(
            _("Two-factor authentication"),
            "mfa_index",
            order=40,
            group="account",
            in_district=False,
            match_prefix=True,
        ),
    ],
    home_panels=[
        HomePanel(
            "accounts.invitations",
            _("Open invitations"),
            visible=can_manage_members,
            order=60,
            url_name="accounts:members",
            count=selectors.count_open_invitations,
            describe=lambda n: ngettext(
                "invitation has not been accepted yet", "invitations have not been accepted yet", n
            ),
            empty_text=_("There are no open invitations."),
        ),
        HomePanel(
            "accounts.roles",
            _("Your roles in this district"),
            visible=is_member,
            order=900,
            template="accounts/panels/roles.html",
            context=selectors.roles_panel,
        ),
    ],
    demo=DemoLoader(order=10, load=load_people_demo),
    notification_kinds=notifications.KINDS,
    view_access=["tests.view_access"],
)
