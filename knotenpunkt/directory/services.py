"""State changes in the directory. Every change is attributed (AuditEntry) and dated."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.deletion import delete_or_explain
from knotenpunkt.core.events import publish
from knotenpunkt.core.lifecycle.changes import Audit, Editable, apply_changes

from .events import OrganisationChanged
from .models import ContactPerson, Organisation
from .permissions import can_edit_any, can_edit_organisation

ORGANISATION_FIELDS = (
    "name",
    "type",
    "municipality",
    "street",
    "postal_code",
    "city",
    "phone",
    "fax",
    "email",
    "website",
    "opening_hours",
    "description",
    "serves_whole_district",
    "is_public",
    "speaker",
)
ORGANISATION_M2M_FIELDS = ("languages", "topics", "municipalities")
CONTACT_FIELDS = (
    "name",
    "function",
    "phone",
    "fax",
    "email",
    "office_hours",
    "is_public",
    "unit",
    "deputy",
    "position",
)
CONTACT_M2M_FIELDS = ("languages",)

ORGANISATION_EDIT = Editable(fields=ORGANISATION_FIELDS, m2m_fields=ORGANISATION_M2M_FIELDS)
CONTACT_EDIT = Editable(fields=CONTACT_FIELDS, m2m_fields=CONTACT_M2M_FIELDS)


def _contact_name(contact):
    # Contacts are part of their organisation's history: the entry names the contact.
    return {"contact": contact.name}


@transaction.atomic
def organisation_create(*, actor, district, **values) -> Organisation:
    """Create an organisation; only district coordinators may create any kind."""
    if not can_edit_any(actor, district):
        raise PermissionDenied
    organisation = Organisation(district=district, last_confirmed_at=timezone.localdate())
    apply_changes(
        instance=organisation,
        values=values,
        editable=ORGANISATION_EDIT,
        district=district,
        audit=Audit(actor=actor, action="organisation.created", when_unchanged=True),
    )
    return organisation


def _save_confirmed(organisation, changed):
    """Save the entry as confirmed today: whoever saves it has checked it."""
    organisation.last_confirmed_at = timezone.localdate()
    organisation.full_clean()
    organisation.save()


@transaction.atomic
def organisation_update(
    *, actor, district, organisation, fingerprint: str | None = None, **values
) -> Organisation:
    """Change an organisation; saving also confirms that the entry is current.

    With the ``fingerprint`` the edit form showed, refuse (``StaleEdit``) if the entry
    changed since.
    """
    if not can_edit_organisation(actor, district, organisation):
        raise PermissionDenied
    changes = apply_changes(
        instance=organisation,
        values=values,
        editable=ORGANISATION_EDIT,
        district=district,
        fingerprint=fingerprint,
        save=_save_confirmed,
        audit=Audit(actor=actor, action="organisation.updated"),
    )
    if changes:
        publish(
            OrganisationChanged(
                district_id=district.pk, organisation_id=organisation.pk, fields=sorted(changes)
            )
        )
    return organisation


@transaction.atomic
def organisation_confirm(*, actor, district, organisation) -> Organisation:
    """Confirm that an entry is still correct, without changing it."""
    if not can_edit_organisation(actor, district, organisation):
        raise PermissionDenied
    organisation.last_confirmed_at = timezone.localdate()
    organisation.save(update_fields=["last_confirmed_at", "updated_at"])
    record_change(
        actor=actor, district=district, action="organisation.confirmed", target=organisation
    )
    return organisation


@transaction.atomic
def organisation_delete(*, actor, district, organisation) -> None:
    """Delete an organisation with its contacts.

    Refused with ``DeletionRefused`` (its reasons say what to do first) while other records
    need it: offers it provides, people who act for it, municipalities it is responsible
    for. Nothing is changed then.
    """
    if not can_edit_any(actor, district) or organisation.district_id != district.pk:
        raise PermissionDenied
    # Recorded first, while the entry still has its id; a refusal rolls both back.
    record_change(
        actor=actor, district=district, action="organisation.deleted", target=organisation
    )
    delete_or_explain(organisation)


@transaction.atomic
def contact_create(*, actor, district, organisation, **values) -> ContactPerson:
    if not can_edit_organisation(actor, district, organisation):
        raise PermissionDenied
    contact = ContactPerson(district=district, organisation=organisation)
    apply_changes(
        instance=contact,
        values=values,
        editable=CONTACT_EDIT,
        district=district,
        audit=Audit(
            actor=actor,
            action="contact.created",
            target=organisation,
            context=_contact_name,
            when_unchanged=True,
        ),
    )
    return contact


@transaction.atomic
def contact_update(
    *, actor, district, contact, fingerprint: str | None = None, **values
) -> ContactPerson:
    """Change a contact person; refuse a stale edit (``fingerprint``, see above)."""
    if not can_edit_organisation(actor, district, contact.organisation):
        raise PermissionDenied
    apply_changes(
        instance=contact,
        values=values,
        editable=CONTACT_EDIT,
        district=district,
        fingerprint=fingerprint,
        audit=Audit(
            actor=actor,
            action="contact.updated",
            target=contact.organisation,
            context=_contact_name,
        ),
    )
    return contact


@transaction.atomic
def contact_delete(*, actor, district, contact) -> None:
    if not can_edit_organisation(actor, district, contact.organisation):
        raise PermissionDenied
    record_change(
        actor=actor,
        district=district,
        action="contact.deleted",
        target=contact.organisation,
        changes={"contact": contact.name},
    )
    contact.delete()
