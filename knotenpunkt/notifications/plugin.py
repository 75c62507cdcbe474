"""What the notifications app brings: its list in the workspace, a panel, the settings page,
and the daily e-mail."""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.core.plugins import AppPlugin, HomePanel, NavEntry, PeriodicJob, Reaction
from knotenpunkt.outbox.events import MailNotDelivered

from .permissions import can_have_notifications
from .reactions import tell_sender_not_delivered
from .selectors import count_unread
from .services import send_digests

plugin = AppPlugin(
    workspace_navigation=[
        NavEntry(
            _("Notifications"),
            "notifications:list",
            order=10,
            group="overview",
            visible=can_have_notifications,
            match_prefix=True,
        ),
        NavEntry(
            _("Notification settings"),
            "notifications:settings",
            order=10,
            group="account",
            in_district=False,
        ),
    ],
    home_panels=[
        HomePanel(
            "notifications.unread",
            _("New notifications"),
            visible=can_have_notifications,
            order=1,
            url_name="notifications:list",
            count=count_unread,
            describe=lambda n: ngettext(
                "notification you have not read", "notifications you have not read", n
            ),
            empty_text=_("You have read everything."),
        ),
    ],
    periodic_jobs=[
        PeriodicJob("notifications.digest", run=send_digests, daily_at=datetime.time(7, 0)),
    ],
    reactions=[Reaction(MailNotDelivered, tell_sender_not_delivered)],
    view_access=["tests.view_access"],
)
