from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The logged-in home "Mein Knotenpunkt" and the workspace navigation.

    It has no models: it draws what the other apps contribute (``core.plugins``).
    """

    name = "knotenpunkt.workspace"
    verbose_name = _("Workspace")
