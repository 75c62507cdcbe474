"""State changes in the directory. Every change is attributed (AuditEntry) and dated."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.deletion import delete_or_explain
from knotenpunkt.core.events import publish

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


def _as_list(value):
    """Return a related manager, a collection or a single value as a list."""
    if hasattr(value, "all"):
        return list(value.all())
    if isinstance(value, list | tuple | set):
        return list(value)
    return [] if value is None else [value]


def _describe(value):
    if hasattr(value, "all") or isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(item) for item in _as_list(value)))
    return "" if value is None else str(value)


def _check_same_district(district, **related):
    for field, value in related.items():
        for item in _as_list(value):
            if getattr(item, "district_id", district.pk) != district.pk:
                raise ValidationError({field: _("This entry belongs to another district.")})


def _apply(instance, values, fields, m2m_fields, district):
    """Set ``values`` on ``instance``; return {field: new text} of what changed."""
    unknown = set(values) - set(fields) - set(m2m_fields)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    _check_same_district(district, **{k: v for k, v in values.items() if k != "type"})
    changes = {}
    for field in fields:
        if field in values and getattr(instance, field) != values[field]:
            changes[field] = _describe(values[field])[:200]
            setattr(instance, field, values[field])
    return changes


def _set_m2m(instance, values, m2m_fields, is_new):
    changes = {}
    for field in m2m_fields:
        if field not in values:
            continue
        manager = getattr(instance, field)
        new = {item.pk for item in values[field]}
        old = set() if is_new else set(manager.values_list("pk", flat=True))
        if new != old:
            manager.set(values[field])
            changes[field] = _describe(values[field])[:200]
    return changes


@transaction.atomic
def organisation_create(*, actor, district, **values) -> Organisation:
    """Create an organisation; only district coordinators may create any kind."""
    if not can_edit_any(actor, district):
        raise PermissionDenied
    organisation = Organisation(district=district, last_confirmed_at=timezone.localdate())
    changes = _apply(organisation, values, ORGANISATION_FIELDS, ORGANISATION_M2M_FIELDS, district)
    organisation.full_clean()
    organisation.save()
    changes |= _set_m2m(organisation, values, ORGANISATION_M2M_FIELDS, is_new=True)
    record_change(
        actor=actor,
        district=district,
        action="organisation.created",
        target=organisation,
        changes=changes,
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor, district, organisation, **values) -> Organisation:
    """Change an organisation; saving also confirms that the entry is current."""
    if not can_edit_organisation(actor, district, organisation):
        raise PermissionDenied
    changes = _apply(organisation, values, ORGANISATION_FIELDS, ORGANISATION_M2M_FIELDS, district)
    organisation.last_confirmed_at = timezone.localdate()
    organisation.full_clean()
    organisation.save()
    changes |= _set_m2m(organisation, values, ORGANISATION_M2M_FIELDS, is_new=False)
    if changes:
        record_change(
            actor=actor,
            district=district,
            action="organisation.updated",
            target=organisation,
            changes=changes,
        )
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
    delete_or_explain(organisation)
    record_change(
        actor=actor, district=district, action="organisation.deleted", target=organisation
    )


@transaction.atomic
def contact_create(*, actor, district, organisation, **values) -> ContactPerson:
    if not can_edit_organisation(actor, district, organisation):
        raise PermissionDenied
    contact = ContactPerson(district=district, organisation=organisation)
    changes = _apply(contact, values, CONTACT_FIELDS, CONTACT_M2M_FIELDS, district)
    contact.full_clean()
    contact.save()
    changes |= _set_m2m(contact, values, CONTACT_M2M_FIELDS, is_new=True)
    # Contacts are part of their organisation's history.
    record_change(
        actor=actor,
        district=district,
        action="contact.created",
        target=organisation,
        changes={"contact": contact.name, **changes},
    )
    return contact


@transaction.atomic
def contact_update(*, actor, district, contact, **values) -> ContactPerson:
    if not can_edit_organisation(actor, district, contact.organisation):
        raise PermissionDenied
    changes = _apply(contact, values, CONTACT_FIELDS, CONTACT_M2M_FIELDS, district)
    contact.full_clean()
    contact.save()
    changes |= _set_m2m(contact, values, CONTACT_M2M_FIELDS, is_new=False)
    if changes:
        record_change(
            actor=actor,
            district=district,
            action="contact.updated",
            target=contact.organisation,
            changes={"contact": contact.name, **changes},
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
