"""Who may use the workspace of a district: every member, whatever the role."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    "workspace.view": frozenset(Role.values),
}


def can_view_workspace(actor, district) -> bool:
    return has_any_role(actor, district, RULES["workspace.view"])
