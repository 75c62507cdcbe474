from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "knotenpunkt.accounts"
    verbose_name = _("Accounts")
    tenant_app = True
    # A person's account is installation-wide: one login for every district they work in.
    tenant_exempt_models = ("User",)
