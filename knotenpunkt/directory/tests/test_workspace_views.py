"""The directory workspace: editors see and change exactly the entries they may edit."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from knotenpunkt.core.lifecycle.changes import STALE_EDIT_MESSAGE
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType
from knotenpunkt.directory.tests.factories import affiliate

from .factories import ContactPersonFactory, OrganisationFactory

LONG_AGO = date(2020, 1, 1)


def _url(name, district, **kwargs):
    return reverse(f"directory:{name}", kwargs={"district_slug": district.slug, **kwargs})


def _edit_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "type": organisation.type,
        "municipality": organisation.municipality_id or "",
        "street": "Hauptstraße 1",
        "postal_code": "74564",
        "city": "Crailsheim",
        "phone": "07951 123-456",
        "fax": "",
        "email": "info@example.org",
        "website": "",
        "opening_hours": "",
        "description": "",
        "municipalities": [m.pk for m in organisation.municipalities.all()],
        "is_public": "on",
        "speaker": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def partner_editor(users, organisation):
    """The partner editor of the district, bound to ``organisation``."""
    user = users[Role.PARTNER_EDITOR]
    affiliate(user, organisation)
    return user


@pytest.fixture
def elsewhere(district, municipalities):
    """An organisation seated in a municipality no coordinator of the fixtures holds."""
    return OrganisationFactory(district=district, municipality=municipalities[1], name="Anderswo")


def _log_in(client, user):
    client.force_login(user)
    return client


# The list --------------------------------------------------------------------------------------


def test_district_coordinator_sees_every_entry_and_can_filter(
    client, district, users, organisation, elsewhere, municipalities
):
    OrganisationFactory(district=district, type=OrganisationType.SCHOOL, name="Schule am Berg")
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    response = client.get(_url("workspace_list", district))
    assert {o.name for o in response.context["page"].object_list} == {
        organisation.name,
        "Anderswo",
        "Schule am Berg",
    }

    response = client.get(_url("workspace_list", district), {"type": OrganisationType.SCHOOL})
    assert [o.name for o in response.context["page"].object_list] == ["Schule am Berg"]

    response = client.get(_url("workspace_list", district), {"municipality": municipalities[1].pk})
    assert [o.name for o in response.context["page"].object_list] == ["Anderswo"]


def test_municipal_coordinator_sees_only_the_entries_of_their_municipality(
    client, district, users, organisation, elsewhere
):
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])
    response = client.get(_url("workspace_list", district))
    assert list(response.context["page"].object_list) == [organisation]
    assert response.context["filter_form"] is None
    assert "Anderswo" not in response.content.decode()


def test_partner_editor_sees_only_their_organisation(
    client, district, partner_editor, organisation, elsewhere
):
    _log_in(client, partner_editor)
    response = client.get(_url("workspace_list", district))
    assert list(response.context["page"].object_list) == [organisation]


def test_a_filter_with_a_municipality_of_another_district_answers_404(
    client, district, users, other_municipalities
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    response = client.get(
        _url("workspace_list", district), {"municipality": other_municipalities[0].pk}
    )
    assert response.status_code == 404


def test_the_list_needs_the_same_number_of_queries_for_10_and_100_entries(
    client, district, users, municipalities
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    url = _url("workspace_list", district)

    def count_queries():
        client.get(url)  # warm caches (session, roles)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), response.context["page"].paginator.count

    OrganisationFactory.create_batch(10, district=district, municipality=municipalities[0])
    few, rows = count_queries()
    assert rows == 10
    OrganisationFactory.create_batch(
        90, district=district, municipality=municipalities[1], last_confirmed_at=LONG_AGO
    )
    many, rows = count_queries()
    assert rows == 100
    assert few == many


def test_long_lists_are_split_into_pages_that_keep_the_filter(
    client, district, users, municipalities
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    OrganisationFactory.create_batch(
        60, district=district, municipality=municipalities[0], type=OrganisationType.SCHOOL
    )

    first = client.get(_url("workspace_list", district), {"type": OrganisationType.SCHOOL})
    second = client.get(
        _url("workspace_list", district), {"type": OrganisationType.SCHOOL, "page": 2}
    )

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 10
    assert f"type={OrganisationType.SCHOOL}&amp;page=2" in first.content.decode()


# Creating and editing ------------------------------------------------------------------------


def test_district_coordinator_creates_an_organisation(client, district, users, municipalities):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    response = client.post(
        _url("workspace_organisation_add", district),
        {
            "name": "Helferkreis Asyl Nordstadt",
            "type": OrganisationType.VOLUNTEER_INITIATIVE,
            "municipality": municipalities[2].pk,
            "municipalities": [municipalities[2].pk],
            "languages": ["de", "ar"],
            "topics": ["volunteering"],
            "email": "helferkreis@example.org",
            "is_public": "on",
        },
    )
    organisation = Organisation.objects.get(name="Helferkreis Asyl Nordstadt")
    assert response.status_code == 302
    assert response["Location"] == _url("workspace_organisation", district, pk=organisation.pk)
    assert organisation.district == district
    assert organisation.last_confirmed_at == timezone.localdate()
    assert {language.code for language in organisation.languages.all()} == {"de", "ar"}
    assert AuditEntry.objects.filter(
        action="organisation.created", target_id=str(organisation.pk)
    ).exists()


def test_saving_an_entry_changes_and_confirms_it(client, district, users, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(last_confirmed_at=LONG_AGO)
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, name="Neuer Name", phone="07951 999-0"),
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"
    assert organisation.phone == "07951 999-0"
    assert organisation.last_confirmed_at == timezone.localdate()
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.actor == users[Role.MUNICIPAL_COORDINATOR]
    assert entry.changes["name"] == "Neuer Name"


def _in_german(message):
    with translation.override("de"):
        return escape(str(message))


def _fingerprint(page):
    """Return the fingerprint the edit form on ``page`` carries."""
    fingerprint = page.context["form"]["fingerprint"].value()
    assert f'name="fingerprint" value="{fingerprint}"' in page.content.decode()
    return fingerprint


def test_an_edit_of_an_entry_a_colleague_changed_meanwhile_is_refused_and_shows_the_change(
    client, district, users, organisation
):
    url = _url("workspace_organisation", district, pk=organisation.pk)
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])
    fingerprint = _fingerprint(client.get(url))
    Organisation.objects.filter(pk=organisation.pk).update(phone="07951 555-0")

    response = client.post(
        url, _edit_data(organisation, name="Neuer Name", fingerprint=fingerprint)
    )

    assert response.status_code == 409
    assert _in_german(STALE_EDIT_MESSAGE) in response.content.decode()
    assert response.context["form"]["phone"].value() == "07951 555-0"
    organisation.refresh_from_db()
    assert organisation.name != "Neuer Name"
    assert not AuditEntry.objects.filter(action="organisation.updated").exists()

    # The form shown now carries the current fingerprint: saving it again works.
    response = client.post(
        url,
        _edit_data(
            organisation,
            name="Neuer Name",
            phone="07951 555-0",
            fingerprint=_fingerprint(response),
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"


def test_an_edit_of_a_contact_changed_meanwhile_is_refused_and_changes_nothing(
    client, district, partner_editor, contact
):
    url = _url("workspace_contact", district, pk=contact.pk)
    _log_in(client, partner_editor)
    fingerprint = _fingerprint(client.get(url))
    contact.languages.add("ar")

    response = client.post(
        url,
        {"name": contact.name, "function": "Leitung", "position": "0", "fingerprint": fingerprint},
    )

    assert response.status_code == 409
    assert _in_german(STALE_EDIT_MESSAGE) in response.content.decode()
    assert response.context["form"]["function"].value() == "Beratung"
    contact.refresh_from_db()
    assert contact.function == "Beratung"
    assert list(contact.languages.values_list("code", flat=True)) == ["ar"]
    assert not AuditEntry.objects.filter(action="contact.updated").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "keine-adresse"),
        ("phone", "ruf mich an"),
        ("fax", "12"),
        ("postal_code", "7456"),
        ("postal_code", "ABCDE"),
        ("website", "nicht eine url"),
    ],
)
def test_malformed_input_is_a_field_error_and_changes_nothing(
    client, district, users, organisation, field, value
):
    before = Organisation.objects.values().get(pk=organisation.pk)
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, name="Geändert", **{field: value}),
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert Organisation.objects.values().get(pk=organisation.pk) == before
    assert not AuditEntry.objects.filter(action="organisation.updated").exists()


def test_a_seat_in_another_district_answers_404_and_changes_nothing(
    client, district, users, organisation, other_municipalities
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, name="Geändert", municipality=other_municipalities[0].pk),
    )
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.name != "Geändert"


def test_a_served_municipality_of_another_district_is_a_field_error(
    client, district, users, organisation, other_municipalities
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, municipalities=[other_municipalities[0].pk]),
    )
    assert response.status_code == 200
    assert "municipalities" in response.context["form"].errors


def test_a_municipal_coordinator_cannot_move_an_entry_to_another_seat(
    client, district, users, organisation, municipalities
):
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])
    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, municipality=municipalities[1].pk),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.municipality == municipalities[0]


def test_a_partner_editor_editing_another_organisation_gets_404_and_changes_nothing(
    client, district, partner_editor, organisation, elsewhere
):
    _log_in(client, partner_editor)
    for name in ("workspace_organisation", "workspace_organisation_history"):
        assert client.get(_url(name, district, pk=elsewhere.pk)).status_code == 404
    response = client.post(
        _url("workspace_organisation", district, pk=elsewhere.pk),
        _edit_data(elsewhere, name="Gekapert"),
    )
    assert response.status_code == 404
    response = client.post(_url("workspace_organisation_confirm", district, pk=elsewhere.pk))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Anderswo"
    assert elsewhere.last_confirmed_at is None
    # Their own organisation they may edit.
    response = client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, name="Eigener Name"),
    )
    assert response.status_code == 302


def test_a_municipal_coordinator_editing_another_municipalitys_entry_gets_404(
    client, district, users, elsewhere
):
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])
    assert client.get(_url("workspace_organisation", district, pk=elsewhere.pk)).status_code == 404
    response = client.post(
        _url("workspace_organisation", district, pk=elsewhere.pk),
        _edit_data(elsewhere, name="Gekapert"),
    )
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Anderswo"


def test_an_organisation_of_another_district_answers_404(
    client, district, users, other_organisation
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    url = _url("workspace_organisation", district, pk=other_organisation.pk)
    assert client.get(url).status_code == 404


def test_still_correct_confirms_without_changing(client, district, users, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(last_confirmed_at=LONG_AGO)
    _log_in(client, users[Role.MUNICIPAL_COORDINATOR])

    response = client.post(_url("workspace_organisation_confirm", district, pk=organisation.pk))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.last_confirmed_at == timezone.localdate()
    assert AuditEntry.objects.filter(action="organisation.confirmed").count() == 1


def test_district_coordinator_deletes_an_organisation(client, district, users, organisation):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    url = _url("workspace_organisation_delete", district, pk=organisation.pk)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


# Contacts ------------------------------------------------------------------------------------


def test_an_editor_adds_changes_and_deletes_a_contact(
    client, district, partner_editor, organisation
):
    _log_in(client, partner_editor)
    response = client.post(
        _url("workspace_contact_add", district, pk=organisation.pk),
        {
            "name": "Amira Beispiel",
            "function": "Beratung",
            "email": "amira@example.org",
            "languages": ["ar"],
            "position": "0",
        },
    )
    assert response.status_code == 302
    contact = ContactPerson.objects.get(name="Amira Beispiel")
    assert contact.organisation == organisation
    assert contact.district == district
    assert not contact.is_public

    response = client.post(
        _url("workspace_contact", district, pk=contact.pk),
        {"name": "Amira Beispiel", "function": "Leitung", "position": "1", "is_public": "on"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.function, contact.is_public) == ("Leitung", True)

    response = client.post(_url("workspace_contact_delete", district, pk=contact.pk))
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    actions = list(
        AuditEntry.objects.filter(target_id=str(organisation.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["contact.created", "contact.updated", "contact.deleted"]


def test_staff_of_the_district_office_get_a_unit_and_a_deputy(client, district, users):
    from knotenpunkt.directory.models import OfficeUnit, OrganisationType

    office = OrganisationFactory(district=district, type=OrganisationType.DISTRICT_OFFICE)
    unit = OfficeUnit.objects.create(district=district, name="Sachgebiet Integration")
    deputy = ContactPersonFactory(organisation=office, name="Vera Vertretung")
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    response = client.post(
        _url("workspace_contact_add", district, pk=office.pk),
        {"name": "Lea Leitung", "unit": unit.pk, "deputy": deputy.pk, "position": "0"},
    )

    assert response.status_code == 302
    contact = ContactPerson.objects.get(name="Lea Leitung")
    assert (contact.unit, contact.deputy) == (unit, deputy)
    form_page = client.get(_url("workspace_contact", district, pk=contact.pk)).content.decode()
    assert 'name="unit"' in form_page and 'name="deputy"' in form_page


def test_a_deputy_from_another_organisation_answers_404(client, district, users, organisation):
    from knotenpunkt.directory.models import OrganisationType

    office = OrganisationFactory(district=district, type=OrganisationType.DISTRICT_OFFICE)
    stranger = ContactPersonFactory(organisation=organisation)
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    response = client.post(
        _url("workspace_contact_add", district, pk=office.pk),
        {"name": "Lea Leitung", "deputy": stranger.pk, "position": "0"},
    )

    assert response.status_code == 404
    assert not ContactPerson.objects.filter(name="Lea Leitung").exists()


def test_other_organisations_have_no_unit_or_deputy_fields(client, district, users, organisation):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    page = client.get(_url("workspace_contact_add", district, pk=organisation.pk)).content.decode()

    assert 'name="unit"' not in page and 'name="deputy"' not in page


def test_a_malformed_contact_phone_is_a_field_error(client, district, users, contact):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    response = client.post(
        _url("workspace_contact", district, pk=contact.pk),
        {"name": "X", "phone": "abc", "email": "kaputt@", "position": "0"},
    )
    assert response.status_code == 200
    assert {"phone", "email"} <= set(response.context["form"].errors)
    contact.refresh_from_db()
    assert contact.name != "X"


def test_a_partner_editor_cannot_touch_contacts_of_another_organisation(
    client, district, partner_editor, elsewhere
):
    contact = ContactPersonFactory(organisation=elsewhere, name="Fremd")
    _log_in(client, partner_editor)
    assert client.get(_url("workspace_contact", district, pk=contact.pk)).status_code == 404
    response = client.post(_url("workspace_contact_delete", district, pk=contact.pk))
    assert response.status_code == 404
    response = client.post(
        _url("workspace_contact_add", district, pk=elsewhere.pk), {"name": "Neu", "position": 0}
    )
    assert response.status_code == 404
    assert list(elsewhere.contacts.values_list("name", flat=True)) == ["Fremd"]


# History and stale entries -------------------------------------------------------------------


def test_the_history_shows_who_changed_what_with_readable_field_names(
    client, district, users, organisation, german
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    client.post(
        _url("workspace_organisation", district, pk=organisation.pk),
        _edit_data(organisation, postal_code="74523"),
    )
    response = client.get(_url("workspace_organisation_history", district, pk=organisation.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert german("postal code") in content
    assert "postal_code" not in content
    assert "74523" in content
    assert german("Entry changed") in content
    actor = users[Role.DISTRICT_COORDINATOR]
    assert (actor.name or actor.email) in content


def test_the_history_shows_choice_labels_yes_or_no_and_a_word_difference_of_texts(
    client, district, users, organisation, german
):
    _log_in(client, users[Role.DISTRICT_COORDINATOR])
    url = _url("workspace_organisation", district, pk=organisation.pk)
    client.post(url, _edit_data(organisation, description="Beratung am Montag."))
    client.post(
        url,
        _edit_data(
            organisation,
            type="church",
            is_public=None,
            description="Beratung jeden Dienstag.",
        ),
    )
    response = client.get(_url("workspace_organisation_history", district, pk=organisation.pk))
    content = response.content.decode()
    assert german("Church or parish") in content
    assert ">church<" not in content
    assert f"<bdi>{german('no')}</bdi>" in content
    assert "am Montag.<span" in content and "jeden Dienstag.<span" in content
    assert "<del>" in content and "<ins>" in content


def test_the_stale_list_shows_entries_not_confirmed_within_the_period(
    client, district, users, municipalities
):
    old = OrganisationFactory(district=district, name="Alt", last_confirmed_at=LONG_AGO)
    OrganisationFactory(district=district, name="Frisch", last_confirmed_at=timezone.localdate())
    recent = timezone.localdate() - timedelta(days=100)
    OrganisationFactory(district=district, name="Vor drei Monaten", last_confirmed_at=recent)
    _log_in(client, users[Role.DISTRICT_COORDINATOR])

    response = client.get(_url("workspace_stale", district))
    assert list(response.context["organisations"]) == [old]

    district.directory_review_months = 2
    district.save(update_fields=["directory_review_months"])
    response = client.get(_url("workspace_stale", district))
    assert {o.name for o in response.context["organisations"]} == {"Alt", "Vor drei Monaten"}
