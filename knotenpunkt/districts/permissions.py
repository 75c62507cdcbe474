"""Who may do what with a district's settings and its workspace."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

ALL_ROLES = frozenset(Role.values)

RULES = {
    "workspace.view": ALL_ROLES,
    "district.edit_settings": frozenset({Role.DISTRICT_ADMIN}),
}


def can_view_workspace(actor, district) -> bool:
    return has_any_role(actor, district, RULES["workspace.view"])


def can_edit_district_settings(actor, district) -> bool:
    return has_any_role(actor, district, RULES["district.edit_settings"])
