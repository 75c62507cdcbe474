from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "knotenpunkt.accounts"
    verbose_name = _("Accounts")
    tenant_app = True
    # A person's account is installation-wide: one login for every district they work in.
    tenant_exempt_models = ("User",)

    def ready(self):
        from knotenpunkt.core.permissions import set_role_source

        from .selectors import role_values_of

        set_role_source(role_values_of)
