"""What the outbox contributes to the kernel (core.plugins)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.plugins import AppPlugin, NavEntry, PeriodicJob

from .permissions import can_view_outbox
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
