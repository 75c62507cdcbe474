"""Who may change a district's settings."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    "district.edit_settings": frozenset({Role.DISTRICT_ADMIN}),
}


def can_edit_district_settings(actor, district) -> bool:
    return has_any_role(actor, district, RULES["district.edit_settings"])
