"""The demo directory: realistic counts, fictional people, idempotent."""

import pytest

from knotenpunkt.accounts.models import Membership
from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import (
    ContactPerson,
    Organisation,
    OrganisationType,
    Responsibility,
    Tandem,
)
from knotenpunkt.directory.selectors import stale_organisations
from knotenpunkt.districts.models import (
    District,
    IntegrationManagementCarrier,
    Municipality,
)

pytestmark = pytest.mark.django_db


def _load():
    load_demo()
    return District.objects.get(slug="mittelwald")


def _counts(district):
    return (
        Organisation.objects.in_district(district).count(),
        ContactPerson.objects.in_district(district).count(),
        Responsibility.objects.in_district(district).count(),
        Tandem.objects.in_district(district).count(),
        Organisation.languages.through.objects.count(),
        ContactPerson.languages.through.objects.count(),
        Organisation.municipalities.through.objects.count(),
    )


def _check_every_municipality_has_its_administration_and_most_a_coordination_point(demo):
    municipalities = Municipality.objects.in_district(demo).count()
    administrations = Organisation.objects.in_district(demo).filter(
        type=OrganisationType.MUNICIPAL_ADMINISTRATION
    )
    points = Organisation.objects.in_district(demo).filter(type=OrganisationType.COORDINATION_POINT)
    assert municipalities == 53
    assert administrations.values("municipality").distinct().count() == municipalities
    assert 40 <= points.count() <= 50


def _check_volunteer_initiatives_include_a_dozen_without_speaker_or_coordination_point(demo):
    initiatives = Organisation.objects.in_district(demo).filter(
        type=OrganisationType.VOLUNTEER_INITIATIVE
    )
    seats_with_point = Organisation.objects.in_district(demo).filter(
        type=OrganisationType.COORDINATION_POINT
    )
    neither = initiatives.filter(speaker__isnull=True).exclude(
        municipality__in=seats_with_point.values("municipality")
    )
    assert 60 <= initiatives.count() <= 100
    assert neither.count() == 12


def _check_the_partners_of_a_real_district_are_there(demo):
    types = set(Organisation.objects.in_district(demo).values_list("type", flat=True))
    assert set(OrganisationType.values) <= types


def _check_every_municipality_has_a_responsibility_matching_its_carrier(demo):
    for municipality in Municipality.objects.in_district(demo).select_related("responsibility"):
        responsibility = municipality.responsibility
        if municipality.integration_management == IntegrationManagementCarrier.DISTRICT:
            assert responsibility.tandem is not None
            assert responsibility.tandem.team.region_id == municipality.region_id
        if municipality.integration_management == IntegrationManagementCarrier.PROVIDER:
            assert responsibility.provider is not None
    assert Tandem.objects.in_district(demo).count() == 6
    for tandem in Tandem.objects.in_district(demo):
        assert tandem.members.count() == 2


def _check_the_district_office_has_units_contacts_and_deputies(demo):
    office = Organisation.objects.in_district(demo).get(type=OrganisationType.DISTRICT_OFFICE)
    staff = office.contacts.all()
    assert staff.filter(unit__name="Ausländerbehörde").exists()
    assert staff.filter(deputy__isnull=False).count() >= 8
    assert all(person.function for person in staff)


def _check_people_are_fictional_and_entries_valid(demo):
    contacts = ContactPerson.objects.in_district(demo)
    organisations = Organisation.objects.in_district(demo)
    for item in [*contacts, *organisations]:
        item.full_clean()
        assert item.email.endswith(".example")
        assert item.phone.startswith("07999 ")
    assert contacts.filter(is_public=False).exists()
    assert contacts.filter(languages__code="ar").exists()


def _check_about_a_tenth_of_the_entries_are_stale(demo):
    share = (
        stale_organisations(district=demo).count() / Organisation.objects.in_district(demo).count()
    )
    assert 0.07 <= share <= 0.13


def _check_the_demo_partner_editor_edits_the_caritas_like_organisation(demo):
    membership = Membership.objects.in_district(demo).get(role=Role.PARTNER_EDITOR)
    assert membership.affiliation.organisation.name == "Caritasverband Mittelwald e. V."


def test_the_demo_directory_looks_like_a_real_districts():
    """One load, many checks: loading the demo takes seconds, so it is loaded once."""
    demo = _load()
    _check_every_municipality_has_its_administration_and_most_a_coordination_point(demo)
    _check_volunteer_initiatives_include_a_dozen_without_speaker_or_coordination_point(demo)
    _check_the_partners_of_a_real_district_are_there(demo)
    _check_every_municipality_has_a_responsibility_matching_its_carrier(demo)
    _check_the_district_office_has_units_contacts_and_deputies(demo)
    _check_people_are_fictional_and_entries_valid(demo)
    _check_about_a_tenth_of_the_entries_are_stale(demo)
    _check_the_demo_partner_editor_edits_the_caritas_like_organisation(demo)


def test_loading_twice_gives_the_same_counts():
    demo = _load()
    before = _counts(demo)
    load_demo()
    assert _counts(demo) == before
