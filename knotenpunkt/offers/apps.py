from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "knotenpunkt.offers"
    verbose_name = _("Offers")
    tenant_app = True
    # Reference list shared by every district (codes with translated labels).
    tenant_exempt_models = ("TargetGroup",)

    def ready(self):
        from .search import ensure_sqlite_index

        # SQLite loses the search index's triggers when a migration rebuilds the table.
        post_migrate.connect(ensure_sqlite_index, sender=self)
