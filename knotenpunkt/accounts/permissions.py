"""Who may see a district's members and invite people into it."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    "members.view": frozenset({Role.DISTRICT_ADMIN}),
    "members.invite": frozenset({Role.DISTRICT_ADMIN}),
    # Withdraw open invitations and take roles away.
    "members.manage": frozenset({Role.DISTRICT_ADMIN}),
}


def can_view_members(actor, district) -> bool:
    return has_any_role(actor, district, RULES["members.view"])


def can_invite(actor, district) -> bool:
    return has_any_role(actor, district, RULES["members.invite"])


def can_manage_members(actor, district) -> bool:
    return has_any_role(actor, district, RULES["members.manage"])
