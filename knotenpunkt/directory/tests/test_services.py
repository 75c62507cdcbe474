"""Directory services check permissions again and record every change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType
from knotenpunkt.directory.selectors import organisation_history
from knotenpunkt.directory.services import (
    contact_create,
    contact_delete,
    contact_update,
    organisation_confirm,
    organisation_create,
    organisation_delete,
    organisation_update,
)

from .factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture
def elsewhere(district, municipalities):
    return OrganisationFactory(district=district, municipality=municipalities[1])


def test_only_district_coordinators_create_entries(district, users):
    organisation = organisation_create(
        actor=users[Role.DISTRICT_COORDINATOR],
        district=district,
        name="Jobcenter",
        type=OrganisationType.JOBCENTER,
    )
    assert organisation.last_confirmed_at == timezone.localdate()
    for role in (Role.MUNICIPAL_COORDINATOR, Role.PARTNER_EDITOR, Role.VOLUNTEER):
        with pytest.raises(PermissionDenied):
            organisation_create(
                actor=users[role], district=district, name="X", type=OrganisationType.OTHER
            )
    assert Organisation.objects.count() == 1


def test_update_rechecks_the_permission(district, users, elsewhere):
    for role in (Role.MUNICIPAL_COORDINATOR, Role.PARTNER_EDITOR, Role.VOLUNTEER):
        with pytest.raises(PermissionDenied):
            organisation_update(
                actor=users[role], district=district, organisation=elsewhere, name="Gekapert"
            )
    elsewhere.refresh_from_db()
    assert elsewhere.name != "Gekapert"


def test_a_seat_in_another_district_is_refused(district, users, organisation, other_municipalities):
    with pytest.raises(ValidationError):
        organisation_update(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            organisation=organisation,
            municipality=other_municipalities[0],
        )


def test_an_organisation_of_another_district_cannot_be_changed_here(
    district, users, other_organisation
):
    with pytest.raises(PermissionDenied):
        organisation_confirm(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            organisation=other_organisation,
        )
    with pytest.raises(PermissionDenied):
        organisation_delete(
            actor=users[Role.DISTRICT_COORDINATOR],
            district=district,
            organisation=other_organisation,
        )


def test_every_change_lands_in_the_history_of_its_organisation(district, users, organisation):
    actor = users[Role.MUNICIPAL_COORDINATOR]
    organisation_update(actor=actor, district=district, organisation=organisation, city="Ilshofen")
    organisation_confirm(actor=actor, district=district, organisation=organisation)
    contact = contact_create(actor=actor, district=district, organisation=organisation, name="Eva")
    contact_update(actor=actor, district=district, contact=contact, function="Leitung")
    contact_delete(actor=actor, district=district, contact=contact)

    history = organisation_history(district=district, organisation=organisation)
    assert [entry.action for entry in history] == [
        "contact.deleted",
        "contact.updated",
        "contact.created",
        "organisation.confirmed",
        "organisation.updated",
    ]
    assert {entry.actor for entry in history} == {actor}
    assert history.last().changes == {"city": "Ilshofen"}


def test_contacts_of_a_foreign_organisation_cannot_be_changed(district, users, elsewhere):
    contact = ContactPersonFactory(organisation=elsewhere)
    actor = users[Role.MUNICIPAL_COORDINATOR]
    with pytest.raises(PermissionDenied):
        contact_create(actor=actor, district=district, organisation=elsewhere, name="Neu")
    with pytest.raises(PermissionDenied):
        contact_update(actor=actor, district=district, contact=contact, name="Neu")
    with pytest.raises(PermissionDenied):
        contact_delete(actor=actor, district=district, contact=contact)
    assert list(ContactPerson.objects.values_list("pk", flat=True)) == [contact.pk]
    assert not AuditEntry.objects.exists()
