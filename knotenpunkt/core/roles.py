"""The roles a person can hold in a district."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    DISTRICT_COORDINATOR = "district_coordinator", _("District coordinator")
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Municipal coordinator")
    INTEGRATION_MANAGER = "integration_manager", _("Integration manager")
    INTEGRATION_TEAM_LEAD = "integration_team_lead", _("Integration team lead")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")
    VOLUNTEER = "volunteer", _("Volunteer")


# Roles that will see personal data of clients; their holders must use a second factor.
ROLES_SEEING_CLIENT_DATA = frozenset({Role.INTEGRATION_MANAGER, Role.INTEGRATION_TEAM_LEAD})
# Roles that are bound to one municipality.
ROLES_BOUND_TO_MUNICIPALITY = frozenset({Role.MUNICIPAL_COORDINATOR})
