"""Reads of people and their roles in a district."""

from dataclasses import dataclass

from knotenpunkt.core.collation import german
from knotenpunkt.districts.models import District

from .models import Invitation, Membership
from .scopes import scope_labels


def role_values_of(user, district) -> list[str]:
    """Return the role values ``user`` holds in ``district`` (the kernel's role source)."""
    return list(
        Membership.objects.in_district(district).filter(user=user).values_list("role", flat=True)
    )


def municipalities_of(*, user, district, roles):
    """Return the ids (a subquery) of the municipalities ``user`` holds one of ``roles`` for."""
    return (
        Membership.objects.in_district(district)
        .filter(user=user, role__in=roles)
        .values("municipality")
    )


def districts_of_user(*, user):
    return District.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(user=user).values("district")
    ).order_by(german("name"), "pk")


def memberships_of_user(*, user, district):
    return (
        Membership.objects.in_district(district)
        .filter(user=user)
        .select_related("municipality")
        .order_by("role")
    )


def members_list(*, district):
    return (
        Membership.objects.in_district(district)
        .select_related("user", "municipality")
        .order_by(german("user__name"), "user__email", "role")
    )


def count_open_invitations(actor, district) -> int:
    """The home's panel: as many as the members page lists as open."""
    return Invitation.objects.in_district(district).open().count()


@dataclass(frozen=True)
class RoleLine:
    label: str
    detail: str


def roles_panel(actor, district) -> dict:
    """The person's roles for the home: "Partner editor – Caritas …"."""
    memberships = list(memberships_of_user(user=actor, district=district))
    labels = scope_labels(memberships)
    lines = []
    for membership in memberships:
        details = [membership.municipality.name if membership.municipality else ""]
        details.append(labels.get(membership.pk, ""))
        lines.append(
            RoleLine(str(membership.get_role_display()), ", ".join(d for d in details if d))
        )
    return {"roles": lines}


@dataclass(frozen=True)
class InvitationDetails:
    """Who invited a person, and for what: shown in the mail and on the link's page, so
    that the invited person can tell a real invitation from a strange one."""

    inviter: str
    role: str
    municipality: str
    scope: str


def invitation_details(invitation) -> InvitationDetails:
    inviter = invitation.invited_by
    return InvitationDetails(
        inviter=(inviter.name or inviter.email) if inviter else "",
        role=str(invitation.get_role_display()),
        municipality=invitation.municipality.name if invitation.municipality_id else "",
        scope=scope_labels([invitation]).get(invitation.pk, ""),
    )
