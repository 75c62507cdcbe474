"""State changes of districts and memberships."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.lifecycle.changes import KEEP, Audit, Editable, apply_changes, save_changed
from knotenpunkt.core.permissions import forget_roles
from knotenpunkt.core.roles import Role

from .models import District, Membership
from .permissions import can_edit_district_settings

EDITABLE_SETTINGS = (
    "name",
    "office_name",
    "office_street",
    "office_postal_code",
    "office_city",
    "office_phone",
    "office_email",
    "office_website",
    "logo",
    "imprint_text",
    "privacy_text",
    "accessibility_text",
    "directory_review_months",
    "offer_review_months",
    "offer_coverage_public",
)


def _logo(value):
    # As in FileField.save_form_data: None keeps the file, False removes it.
    return KEEP if value is None else value or ""


SETTINGS_EDIT = Editable(
    fields=EDITABLE_SETTINGS,
    normalise={"logo": _logo},
    # The audit log keeps no file names.
    describe={"logo": lambda value: "(file)"},
)


@transaction.atomic
def district_update_settings(
    *, actor, district: District, fingerprint: str | None = None, **values
) -> District:
    """Change the district's contact data, logo and legal texts.

    With the ``fingerprint`` the settings form showed, refuse (``StaleEdit``) if the
    settings changed since.
    """
    if not can_edit_district_settings(actor, district):
        raise PermissionDenied
    apply_changes(
        instance=district,
        values=values,
        editable=SETTINGS_EDIT,
        district=district,
        fingerprint=fingerprint,
        save=save_changed,
        audit=Audit(actor=actor, action="district.settings_updated"),
    )
    return district


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


@transaction.atomic
def membership_revoke(*, actor, district, membership: Membership) -> None:
    """Take one role away from a person; the district keeps at least one administrator."""
    from knotenpunkt.accounts.permissions import can_manage_members

    if not can_manage_members(actor, district) or membership.district_id != district.pk:
        raise PermissionDenied
    if membership.role == Role.DISTRICT_ADMIN:
        admins = (
            Membership.objects.in_district(district)
            .select_for_update()
            .filter(role=Role.DISTRICT_ADMIN)
        )
        if len(admins) <= 1:
            raise LastAdministratorError
    record_change(
        actor=actor,
        district=district,
        action="membership.revoked",
        target=membership,
        changes={"role": membership.role},
    )
    membership.delete()
    forget_roles(membership.user)
