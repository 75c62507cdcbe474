from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "knotenpunkt.core"
    verbose_name = _("Core")
    tenant_app = True
    tenant_exempt_models = (
        # The task workers and their periodic jobs serve the whole installation.
        "WorkerHeartbeat",
        "ScheduledJob",
    )

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import checks  # noqa: F401  (registers the tenancy system check)
        from .collation import register_sqlite_collation
        from .i18n import use_english_fallback

        use_english_fallback()
        # Names sort as a German reader expects (ADR 0019); PostgreSQL has it by migration.
        connection_created.connect(register_sqlite_collation, dispatch_uid="kp_german_collation")
