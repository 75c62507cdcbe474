from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "knotenpunkt.outbox"
    verbose_name = _("Outbox")
    tenant_app = True
    tenant_exempt_models = (
        # Installation-wide mails (password reset, e-mail confirmation) belong to no
        # district, so the district is optional; district mails are read with in_district.
        "OutgoingMail",
    )
