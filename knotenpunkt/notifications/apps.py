from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Tell people what happened: in the workspace, and by e-mail as they choose."""

    name = "knotenpunkt.notifications"
    verbose_name = _("Notifications")
    tenant_app = True
    # A person's e-mail choices hold for every district they work in.
    tenant_exempt_models = ("NotificationSetting",)
