"""Who may read the delivery log of a district, and send a mail again."""

from knotenpunkt.core.permissions import has_any_role
from knotenpunkt.core.roles import Role

RULES = {
    # Every mail of the district.
    "outbox.view_all": frozenset({Role.DISTRICT_ADMIN}),
    # The mails one's own actions caused (invitations, review requests …).
    "outbox.view_own": frozenset({Role.DISTRICT_COORDINATOR, Role.MUNICIPAL_COORDINATOR}),
}


def can_view_all_mail(actor, district) -> bool:
    return has_any_role(actor, district, RULES["outbox.view_all"])


def can_view_own_mail(actor, district) -> bool:
    return has_any_role(actor, district, RULES["outbox.view_own"])


def can_view_outbox(actor, district) -> bool:
    """Return whether ``actor`` may open the delivery log of ``district``."""
    return can_view_all_mail(actor, district) or can_view_own_mail(actor, district)


def may_see_mail(actor, district, mail) -> bool:
    """Administrators see the district's mails; coordinators those they caused."""
    if district is None or mail.district_id != district.pk:
        return False
    if can_view_all_mail(actor, district):
        return True
    return can_view_own_mail(actor, district) and mail.sender_id == actor.pk
