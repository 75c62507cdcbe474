"""Who may manage the download centre of a district."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    "downloads.manage": frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_COORDINATOR}),
}


def can_manage_downloads(actor, district) -> bool:
    return has_any_role(actor, district, RULES["downloads.manage"])
