from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "knotenpunkt.directory"
    verbose_name = _("Directory")
    tenant_app = True
    # Reference lists shared by every district (codes with translated labels).
    tenant_exempt_models = ("SpokenLanguage", "Topic")
