"""Memberships and invitations (the only way into a district): who holds which role where."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.permissions import forget_roles
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, Role
from knotenpunkt.notifications.services import notify
from knotenpunkt.outbox.rendering import mail_language
from knotenpunkt.outbox.services import queue_templated_mail

from . import notifications
from .models import Invitation, Membership, User, hash_invitation_token
from .permissions import can_invite, can_manage_members
from .scopes import bind_scopes, carry_over_scopes, check_required_scopes
from .selectors import invitation_details


class InvitationInvalid(Exception):
    """The link is unknown, used or expired; ``reason`` says which."""

    def __init__(self, reason, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def _queue_invitation_mail(*, invitation, accept_url, actor):
    # The invited person may have no account yet: the inviter chose the language.
    queue_templated_mail(
        kind="accounts.invitation",
        to=invitation.email,
        template_base="accounts/email/invitation",
        context={
            "invitation": invitation,
            "accept_url": accept_url,
            "details": invitation_details(invitation),
        },
        language=invitation.language,
        district=invitation.district,
        sender=actor,
        related=invitation,
        dedupe_key=f"accounts.invitation:{invitation.pk}:{invitation.token_hash[:16]}",
    )


class DuplicateInvitation(ValidationError):
    """The address has an open invitation for the role already, or holds the role."""


def _check_not_duplicate(*, district, email, role) -> None:
    label = Role(role).label
    holder = Membership.objects.in_district(district).filter(role=role, user__email__iexact=email)
    if holder.exists():
        raise DuplicateInvitation(
            _("%(email)s already has the role %(role)s in this district.")
            % {"email": email, "role": label}
        )
    open_invitation = (
        Invitation.objects.in_district(district).open().filter(email__iexact=email, role=role)
    ).first()
    if open_invitation is not None:
        raise DuplicateInvitation(
            _(
                "%(email)s has an open invitation with the role %(role)s already (valid until "
                "%(date)s). You can send it again from the list of open invitations."
            )
            % {
                "email": email,
                "role": label,
                "date": date_format(timezone.localtime(open_invitation.expires_at)),
            }
        )


def _checked_role(*, district, role, municipality, scopes):
    """Refuse a role that is unknown or lacks what it is bound to; return its municipality
    (None for roles not bound to one)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    if role in ROLES_BOUND_TO_MUNICIPALITY and municipality is None:
        raise ValidationError({"municipality": _("This role needs a municipality.")})
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": _("The municipality belongs to another district.")})
    check_required_scopes(role, scopes)
    return municipality if role in ROLES_BOUND_TO_MUNICIPALITY else None


def _accept_url(*, base_url, district, token) -> str:
    return base_url + reverse(
        "accounts:invitation_accept", kwargs={"district_slug": district.slug, "token": token}
    )


@transaction.atomic
def invitation_create(
    *,
    actor,
    district,
    email,
    role,
    municipality=None,
    scopes=None,
    language=None,
    base_url,
) -> tuple[Invitation, str]:
    """Invite ``email`` into ``district`` with ``role``; queue the e-mail with the link.

    ``scopes`` binds the role to things of other apps, e.g. ``{"organisation": …}`` for a
    partner editor (see ``accounts.scopes``). An address that holds the role already or
    has an open invitation for it is refused (DuplicateInvitation): one mail, not two.
    Returns the invitation and the plain token (shown once, never stored).
    """
    if not can_invite(actor, district):
        raise PermissionDenied
    scopes = scopes or {}
    email = email.strip().lower()
    municipality = _checked_role(
        district=district, role=role, municipality=municipality, scopes=scopes
    )
    _check_not_duplicate(district=district, email=email, role=role)
    token = Invitation.new_token()
    invitation = Invitation(
        district=district,
        email=email,
        role=role,
        municipality=municipality,
        token_hash=hash_invitation_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.KNOTENPUNKT_INVITATION_VALID_DAYS),
        language=language or settings.LANGUAGE_CODE,
    )
    invitation.full_clean()
    invitation.save()
    bind_scopes(invitation, role, scopes)
    record_change(
        actor=actor,
        district=district,
        action="invitation.created",
        target=invitation,
        changes={"role": role},
    )
    accept_url = _accept_url(base_url=base_url, district=district, token=token)
    _queue_invitation_mail(invitation=invitation, accept_url=accept_url, actor=actor)
    return invitation, token


@transaction.atomic
def invitation_resend(
    *, actor, district, invitation: Invitation, base_url
) -> tuple[Invitation, str]:
    """Send an open or expired invitation again with a new link, valid from today.

    The old link stops working, so that only the newest mail counts.
    """
    if not can_invite(actor, district) or invitation.district_id != district.pk:
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used", invitation)
    token = Invitation.new_token()
    invitation.previous_token_hash = invitation.token_hash
    invitation.token_hash = hash_invitation_token(token)
    invitation.expires_at = timezone.now() + timedelta(
        days=settings.KNOTENPUNKT_INVITATION_VALID_DAYS
    )
    invitation.renewal_requested_at = None
    invitation.invited_by = actor
    invitation.save(
        update_fields=[
            "token_hash",
            "previous_token_hash",
            "expires_at",
            "renewal_requested_at",
            "invited_by",
        ]
    )
    record_change(actor=actor, district=district, action="invitation.resent", target=invitation)
    accept_url = _accept_url(base_url=base_url, district=district, token=token)
    _queue_invitation_mail(invitation=invitation, accept_url=accept_url, actor=actor)
    return invitation, token


def invitation_for_token(*, district, token) -> Invitation:
    """Return the open invitation for ``token`` or raise InvitationInvalid."""
    invitation = (
        Invitation.objects.in_district(district)
        .select_related("municipality", "district", "invited_by")
        .filter(token_hash=hash_invitation_token(token))
        .first()
    )
    if invitation is None:
        replaced = (
            Invitation.objects.in_district(district)
            .filter(previous_token_hash=hash_invitation_token(token), accepted_at__isnull=True)
            .first()
        )
        if replaced is not None:
            raise InvitationInvalid("replaced", replaced)
        raise InvitationInvalid("unknown")
    if invitation.is_used:
        raise InvitationInvalid("used", invitation)
    if invitation.is_expired:
        raise InvitationInvalid("expired", invitation)
    return invitation


def invitation_matches_user(*, invitation, user) -> bool:
    """Return whether ``user`` owns the address the invitation was sent to.

    The role is meant for the invited person; someone logged in with another account
    must not collect it with a forwarded link.
    """
    if user.email.lower() == invitation.email.lower():
        return True
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


@transaction.atomic
def invitation_accept(*, district, token, user=None, name="", password=None) -> User:
    """Redeem an invitation: for the logged-in ``user``, or by creating a new account.

    The link proves ownership of the e-mail address, so a new account starts verified.
    """
    invitation = invitation_for_token(district=district, token=token)
    # Lock the row so that two clicks on one link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used", invitation)
    if user is not None and not invitation_matches_user(invitation=invitation, user=user):
        raise InvitationInvalid("other_account", invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this e-mail address exists already. Please log in first.")
            )
        user = User.objects.create_user(
            invitation.email, password, name=name.strip(), language=invitation.language
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    membership = membership_grant(
        district=district,
        user=user,
        role=invitation.role,
        municipality=invitation.municipality,
        actor=invitation.invited_by,
    )
    # E.g. a partner editor edits the organisation named in the invitation.
    carry_over_scopes(invitation, membership)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record_change(actor=user, district=district, action="invitation.accepted", target=invitation)
    if invitation.invited_by is not None:
        notify(
            district=district,
            recipients=[invitation.invited_by],
            kind=notifications.INVITATION_ACCEPTED,
            actor=user,
            target=invitation,
            params={"role": invitation.role},
        )
    return user


def _queue_renewal_request_mail(*, invitation):
    """Ask the person who invited (or else the district office) for a new link."""
    district = invitation.district
    inviter = invitation.invited_by if invitation.invited_by_id else None
    address = inviter.email if inviter else district.office_email
    if not address:
        return
    members_url = settings.SITE_URL.rstrip("/") + reverse(
        "accounts:members", kwargs={"district_slug": district.slug}
    )
    queue_templated_mail(
        kind="accounts.renewal_request",
        to=address,
        template_base="accounts/email/renewal_request",
        context={"invitation": invitation, "members_url": members_url},
        language=mail_language(inviter),
        district=district,
        recipient=inviter,
        related=invitation,
        dedupe_key=f"accounts.renewal_request:{invitation.pk}",
    )


@transaction.atomic
def invitation_request_renewal(*, invitation) -> bool:
    """Ask the inviting person for a new link; at most once per invitation."""
    updated = Invitation.objects.filter(
        pk=invitation.pk, renewal_requested_at__isnull=True, accepted_at__isnull=True
    ).update(renewal_requested_at=timezone.now())
    if updated:
        invitation = Invitation.objects.select_related("district", "invited_by").get(
            pk=invitation.pk
        )
        _queue_renewal_request_mail(invitation=invitation)
    return bool(updated)


@transaction.atomic
def invitation_revoke(*, actor, district, invitation: Invitation) -> None:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    if not can_manage_members(actor, district) or invitation.district_id != district.pk:
        raise PermissionDenied
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used", invitation)
    record_change(
        actor=actor,
        district=district,
        action="invitation.revoked",
        target=invitation,
        changes={"role": invitation.role},
    )
    invitation.delete()


# Memberships ---------------------------------------------------------------------------


@transaction.atomic
def membership_grant(*, district, user, role, municipality=None, actor=None) -> Membership:
    """Give ``user`` a role in ``district`` (idempotent)."""
    membership, created = Membership.objects.in_district(district).get_or_create(
        user=user, role=role, defaults={"district": district, "municipality": municipality}
    )
    if not created and membership.municipality_id != getattr(municipality, "pk", None):
        membership.municipality = municipality
        membership.full_clean()
        membership.save(update_fields=["municipality"])
    elif created:
        membership.full_clean()
    forget_roles(user)
    if created:
        record_change(
            actor=actor,
            district=district,
            action="membership.granted",
            target=membership,
            changes={"role": role},
        )
    return membership


class LastAdministratorError(Exception):
    """A district must keep at least one administrator."""


def _keep_an_administrator(district) -> None:
    """Refuse to take the role of the district's last administrator away."""
    admins = (
        Membership.objects.in_district(district)
        .select_for_update()
        .filter(role=Role.DISTRICT_ADMIN)
    )
    if len(admins) <= 1:
        raise LastAdministratorError


@transaction.atomic
def membership_revoke(*, actor, district, membership: Membership) -> None:
    """Take one role away from a person; the district keeps at least one administrator."""
    if not can_manage_members(actor, district) or membership.district_id != district.pk:
        raise PermissionDenied
    if membership.role == Role.DISTRICT_ADMIN:
        _keep_an_administrator(district)
    record_change(
        actor=actor,
        district=district,
        action="membership.revoked",
        target=membership,
        changes={"role": membership.role},
    )
    notify(
        district=district,
        recipients=[membership.user],
        kind=notifications.ROLE_REMOVED,
        actor=actor,
        params={"role": membership.role},
    )
    membership.delete()
    forget_roles(membership.user)


@transaction.atomic
def membership_change(
    *, actor, district, membership: Membership, role, municipality=None, scopes=None
) -> Membership:
    """Give a member another role (with its municipality and bindings) in place of one.

    The district keeps at least one administrator; a person cannot hold a role twice.
    """
    if not can_manage_members(actor, district) or membership.district_id != district.pk:
        raise PermissionDenied
    scopes = scopes or {}
    municipality = _checked_role(
        district=district, role=role, municipality=municipality, scopes=scopes
    )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role != membership.role:
        if membership.role == Role.DISTRICT_ADMIN:
            _keep_an_administrator(district)
        if (
            Membership.objects.in_district(district)
            .filter(user=membership.user_id, role=role)
            .exists()
        ):
            raise ValidationError(
                {"role": _("This person has this role already. Take this role away instead.")}
            )
    changes = {}
    if membership.role != role:
        changes["role"] = role
    if membership.municipality_id != getattr(municipality, "pk", None):
        changes["municipality"] = str(municipality or "")
    membership.role = role
    membership.municipality = municipality
    membership.full_clean()
    membership.save(update_fields=["role", "municipality"])
    bind_scopes(membership, role, scopes)
    forget_roles(membership.user)
    record_change(
        actor=actor,
        district=district,
        action="membership.changed",
        target=membership,
        changes=changes,
    )
    if "role" in changes:
        notify(
            district=district,
            recipients=[membership.user],
            kind=notifications.ROLE_CHANGED,
            actor=actor,
            target=membership,
            params={"role": role},
        )
    return membership


# The person's own account ------------------------------------------------------------


@transaction.atomic
def profile_update(*, user, name: str, language: str) -> User:
    """Change the name a person shows and the language Knotenpunkt uses with them."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.name = name.strip()
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "language"])
    return user


def language_remember(*, user, language: str) -> None:
    """Keep the language a logged-in person switched to, for the mails they get."""
    if language in {code for code, _name in settings.LANGUAGES} and user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
