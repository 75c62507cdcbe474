"""What the outbox contributes to the kernel (core.plugins)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.core.plugins import AppPlugin, HomePanel, NavEntry, PeriodicJob

from .notifications import KINDS as NOTIFICATION_KINDS
from .permissions import can_view_outbox
from .selectors import NOT_DELIVERED, count_not_delivered
from .services import prune, recover_stalled

plugin = AppPlugin(
    workspace_navigation=[
        NavEntry(
            label=_("Sent e-mails"),
            url_name="outbox:log",
            group="district",
            order=900,
            visible=can_view_outbox,
        ),
    ],
    home_panels=[
        HomePanel(
            "outbox.not_delivered",
            _("E-mails not delivered"),
            visible=can_view_outbox,
            order=70,
            url_name="outbox:log",
            url_query=f"state={NOT_DELIVERED}",
            count=count_not_delivered,
            describe=lambda n: ngettext(
                "e-mail did not arrive: check the address and send it again",
                "e-mails did not arrive: check the addresses and send them again",
                n,
            ),
            empty_text=_("Every e-mail was delivered or is on its way."),
        ),
    ],
    notification_kinds=NOTIFICATION_KINDS,
    view_access=["tests.view_access"],
    periodic_jobs=[
        PeriodicJob(
            key="outbox.recover_stalled",
            run=recover_stalled,
            every=settings.KNOTENPUNKT_OUTBOX_RECOVER_EVERY,
        ),
        PeriodicJob(
            key="outbox.prune",
            run=prune,
            daily_at=settings.KNOTENPUNKT_OUTBOX_PRUNE_AT,
        ),
    ],
)
