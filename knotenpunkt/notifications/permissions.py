"""Who has notifications in a district: every member, about what concerns them."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    "notifications.view_own": frozenset(Role.values),
}


def can_have_notifications(actor, district) -> bool:
    return has_any_role(actor, district, RULES["notifications.view_own"])
