"""Invitations: the only way into a district."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, ROLES_BOUND_TO_ORGANISATION
from knotenpunkt.districts.services import membership_grant
from knotenpunkt.outbox.rendering import mail_language
from knotenpunkt.outbox.services import queue_templated_mail

from .models import Invitation, User, hash_invitation_token
from .permissions import can_invite, can_manage_members


class InvitationInvalid(Exception):
    """The link is unknown, used or expired; ``reason`` says which."""

    def __init__(self, reason, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def _queue_invitation_mail(*, invitation, accept_url, actor):
    # The invited person has no account yet, so no language of their own: German.
    queue_templated_mail(
        kind="accounts.invitation",
        to=invitation.email,
        template_base="accounts/email/invitation",
        context={"invitation": invitation, "accept_url": accept_url},
        language=settings.LANGUAGE_CODE,
        district=invitation.district,
        sender=actor,
        related=invitation,
        dedupe_key=f"accounts.invitation:{invitation.pk}:{invitation.token_hash[:16]}",
    )


@transaction.atomic
def invitation_create(
    *, actor, district, email, role, municipality=None, organisation=None, base_url
) -> tuple[Invitation, str]:
    """Invite ``email`` into ``district`` with ``role``; queue the e-mail with the link.

    Returns the invitation and the plain token (shown once, never stored).
    """
    if not can_invite(actor, district):
        raise PermissionDenied
    if role in ROLES_BOUND_TO_MUNICIPALITY and municipality is None:
        raise ValidationError({"municipality": _("This role needs a municipality.")})
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": _("The municipality belongs to another district.")})
    if role not in ROLES_BOUND_TO_MUNICIPALITY:
        municipality = None
    if role in ROLES_BOUND_TO_ORGANISATION and organisation is None:
        raise ValidationError({"organisation": _("This role needs an organisation.")})
    if organisation is not None and organisation.district_id != district.pk:
        raise ValidationError({"organisation": _("The organisation belongs to another district.")})
    if role not in ROLES_BOUND_TO_ORGANISATION:
        organisation = None
    token = Invitation.new_token()
    invitation = Invitation(
        district=district,
        email=email.strip().lower(),
        role=role,
        municipality=municipality,
        organisation=organisation,
        token_hash=hash_invitation_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.KNOTENPUNKT_INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    record_change(
        actor=actor,
        district=district,
        action="invitation.created",
        target=invitation,
        changes={"role": role},
    )
    accept_url = base_url + reverse(
        "accounts:invitation_accept", kwargs={"district_slug": district.slug, "token": token}
    )
    _queue_invitation_mail(invitation=invitation, accept_url=accept_url, actor=actor)
    return invitation, token


def invitation_for_token(*, district, token) -> Invitation:
    """Return the open invitation for ``token`` or raise InvitationInvalid."""
    invitation = (
        Invitation.objects.in_district(district)
        .select_related("municipality", "organisation", "district")
        .filter(token_hash=hash_invitation_token(token))
        .first()
    )
    if invitation is None:
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
        user = User.objects.create_user(invitation.email, password, name=name.strip())
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    membership = membership_grant(
        district=district,
        user=user,
        role=invitation.role,
        municipality=invitation.municipality,
        actor=invitation.invited_by,
    )
    if invitation.role in ROLES_BOUND_TO_ORGANISATION and (
        membership.organisation_id != invitation.organisation_id
    ):
        # A partner editor edits the organisation named in the invitation.
        membership.organisation = invitation.organisation
        membership.full_clean()
        membership.save(update_fields=["organisation"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record_change(actor=user, district=district, action="invitation.accepted", target=invitation)
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
