from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "knotenpunkt.districts"
    verbose_name = _("Districts")
    tenant_app = True
    # The district is the tenant itself.
    tenant_exempt_models = ("District",)
