"""What accounts tell people: an invitation was accepted, one's role changed."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.permissions import roles_of
from knotenpunkt.core.plugins import NotificationKind
from knotenpunkt.core.roles import Role

from .permissions import RULES, can_view_members

INVITATION_ACCEPTED = "accounts.invitation_accepted"
ROLE_CHANGED = "accounts.role_changed"
ROLE_REMOVED = "accounts.role_removed"


def _role_label(value) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return str(value)


def _members_links(target_ids, user, district):
    if not can_view_members(user, district):
        return {}
    return dict.fromkeys(target_ids, reverse("accounts:members", args=[district.slug]))


def _home_links(target_ids, user, district):
    if not roles_of(user, district):
        return {}
    return dict.fromkeys(target_ids, reverse("workspace:home", args=[district.slug]))


KINDS = [
    NotificationKind(
        INVITATION_ACCEPTED,
        gettext_lazy("Someone accepted my invitation"),
        message=lambda params: (
            _("%(actor)s accepted your invitation (role: %(role)s).")
            % {**params, "role": _role_label(params.get("role"))}
        ),
        links=_members_links,
        roles=RULES["members.invite"],
    ),
    NotificationKind(
        ROLE_CHANGED,
        gettext_lazy("My role in a district changed"),
        message=lambda params: (
            _("Your role is now %(role)s.") % {**params, "role": _role_label(params.get("role"))}
        ),
        links=_home_links,
        always_immediate=True,
    ),
    NotificationKind(
        ROLE_REMOVED,
        gettext_lazy("A role of mine was taken away"),
        message=lambda params: (
            _("You no longer have the role %(role)s.")
            % {**params, "role": _role_label(params.get("role"))}
        ),
        links=_home_links,
        always_immediate=True,
        # Perhaps their last role: the workspace would answer 404.
        link_in_email=False,
    ),
]
