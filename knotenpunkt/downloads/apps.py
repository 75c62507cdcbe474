from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    name = "knotenpunkt.downloads"
    verbose_name = _("Download centre")
    tenant_app = True
