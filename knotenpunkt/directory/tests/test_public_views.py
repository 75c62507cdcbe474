"""The public directory pages: search, organisation page, vCard, who is responsible,
get involved, the district office's contacts and the integration management overview."""

import pytest
import vobject
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import (
    IntegrationTeam,
    LanguageCode,
    OfficeUnit,
    OrganisationType,
    Responsibility,
    SpokenLanguage,
    Tandem,
    Topic,
    TopicCode,
)
from knotenpunkt.districts.models import IntegrationManagementCarrier
from knotenpunkt.districts.tests.factories import MunicipalityFactory

from .factories import ContactPersonFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """The migration's languages and topics (live-server tests elsewhere may have flushed them)."""
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


def _url(name, district, **kwargs):
    return reverse(f"directory:{name}", kwargs={"district_slug": district.slug, **kwargs})


@pytest.fixture
def member_client(client, users):
    client.force_login(users[Role.VOLUNTEER])
    return client


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


# --- Search ------------------------------------------------------------------------------


def test_the_search_finds_organisations_by_name_and_description(client, district):
    OrganisationFactory(district=district, name="Caritas Nordstadt")
    OrganisationFactory(district=district, name="Tafel", description="Lebensmittel für alle")
    OrganisationFactory(district=district, name="Sportverein")

    html = client.get(_url("directory", district), {"q": "lebensmittel"}).content.decode()
    by_name = client.get(_url("directory", district), {"q": "caritas"}).content.decode()

    assert "Tafel" in html and "Sportverein" not in html
    assert "Caritas Nordstadt" in by_name and "Tafel" not in by_name


def test_the_search_shows_how_many_organisations_were_found(client, district):
    OrganisationFactory.create_batch(3, district=district)

    response = client.get(_url("directory", district))

    assert response.context["page"].paginator.count == 3
    assert "3" in response.content.decode()


def test_the_search_shows_only_the_own_districts_organisations(client, district, other_district):
    OrganisationFactory(district=district, name="Hier")
    OrganisationFactory(district=other_district, name="Fremdverein")

    html = client.get(_url("directory", district)).content.decode()

    assert "Hier" in html and "Fremdverein" not in html


def test_a_municipality_filter_includes_organisations_serving_the_whole_district(
    client, district, municipalities
):
    here, elsewhere = municipalities[0], municipalities[1]
    local = OrganisationFactory(district=district, name="Helferkreis Hier")
    local.municipalities.add(here)
    other = OrganisationFactory(district=district, name="Helferkreis Dort")
    other.municipalities.add(elsewhere)
    OrganisationFactory(district=district, name="Ausländerbehörde", serves_whole_district=True)

    html = client.get(_url("directory", district), {"municipality": here.pk}).content.decode()

    assert "Helferkreis Hier" in html and "Ausländerbehörde" in html
    assert "Helferkreis Dort" not in html


def test_type_topic_and_language_filters_narrow_the_results(client, district):
    school = OrganisationFactory(
        district=district, name="Lindenhofschule", type=OrganisationType.SCHOOL
    )
    school.topics.add("school_education")
    school.languages.add("ar")
    OrganisationFactory(district=district, name="Schule am Mühlbach", type=OrganisationType.SCHOOL)
    counselling = OrganisationFactory(district=district, name="Beratungshaus Quelle")
    counselling.topics.add("school_education")
    url = _url("directory", district)

    by_type = client.get(url, {"type": "school"}).content.decode()
    by_topic = client.get(url, {"topic": "school_education"}).content.decode()
    by_all = client.get(
        url, {"type": "school", "topic": "school_education", "language": "ar"}
    ).content.decode()

    assert "Lindenhofschule" in by_type and "Schule am Mühlbach" in by_type
    assert "Beratungshaus Quelle" not in by_type
    assert "Lindenhofschule" in by_topic and "Beratungshaus Quelle" in by_topic
    assert "Schule am Mühlbach" not in by_topic
    assert "Lindenhofschule" in by_all and "Schule am Mühlbach" not in by_all


def test_an_organisation_matching_several_ways_is_listed_once_with_its_languages(
    client, district, municipalities
):
    here = municipalities[0]
    organisation = OrganisationFactory(
        district=district, name="Mehrsprachiges Haus", serves_whole_district=True
    )
    organisation.municipalities.add(here, municipalities[1])
    organisation.languages.add("ar", "uk")
    organisation.topics.add("school_education", "training_work")

    response = client.get(
        _url("directory", district),
        {"municipality": here.pk, "language": "ar"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()

    assert response.context["page"].paginator.count == 1
    assert html.count("Mehrsprachiges Haus") == 1
    assert "Arabisch" in html and "Ukrainisch" in html


@pytest.mark.parametrize(
    "params",
    [
        {"type": "no-such-type"},
        {"topic": "'; DROP TABLE directory_topic; --"},
        {"language": "xx"},
        {"municipality": "abc"},
        {"municipality": "99999"},
    ],
)
def test_an_invalid_filter_value_in_a_link_is_dropped_with_a_note(client, district, params):
    OrganisationFactory(district=district, name="Caritas")

    response = client.get(_url("directory", district), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].dropped == list(params)
    assert "Ein Filter im Link existiert nicht mehr und wurde ignoriert." in html
    assert "Caritas" in html, "the page shows what the other filters find"


def test_a_search_text_over_100_characters_shows_its_error_and_no_list(client, district):
    OrganisationFactory(district=district, name="Caritas")

    response = client.get(_url("directory", district), {"q": "x" * 101, "type": "school"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert "Caritas" not in html
    assert response.context["page"].paginator.count == 0
    # A way back: the search without its text.
    assert 'href="?type=school"' in html


@pytest.mark.parametrize(
    "query",
    ["مساعدة", "Hilfe 🤝", "' OR 1=1 --", "%", "_", "\\", "<script>alert(1)</script>", "Straße"],
)
def test_any_characters_in_the_search_work(client, district, query):
    OrganisationFactory(district=district, name="مساعدة اللاجئين")

    response = client.get(_url("directory", district), {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_arabic_search_finds_an_arabic_name(client, district):
    OrganisationFactory(district=district, name="مساعدة اللاجئين")
    OrganisationFactory(district=district, name="Sportverein")

    html = client.get(_url("directory", district), {"q": "مساعدة"}).content.decode()

    assert "مساعدة اللاجئين" in html and "Sportverein" not in html


def test_a_municipality_of_another_district_in_the_filter_is_dropped(
    client, district, other_municipalities
):
    response = client.get(_url("directory", district), {"municipality": other_municipalities[0].pk})

    assert response.status_code == 200
    assert response.context["form"].dropped == ["municipality"]


def test_a_non_public_organisation_is_listed_only_for_members(client, member_client, district):
    OrganisationFactory(district=district, name="Interner Arbeitskreis", is_public=False)
    url = _url("directory", district)

    anonymous = Client().get(url).content.decode()
    member = member_client.get(url).content.decode()

    assert "Interner Arbeitskreis" not in anonymous
    assert "Interner Arbeitskreis" in member


def test_htmx_requests_get_only_the_results_fragment(client, district):
    OrganisationFactory(district=district, name="Caritas")

    response = client.get(_url("directory", district), {"q": "car"}, HTTP_HX_REQUEST="true")
    page = client.get(_url("directory", district), {"q": "car"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="directory-results"')
    assert "Caritas" in html and "<html" not in html
    assert "HX-Request" in response["Vary"] and "HX-Request" in page["Vary"]


def test_long_result_lists_are_split_into_pages(client, district):
    OrganisationFactory.create_batch(30, district=district)

    first = client.get(_url("directory", district))
    second = client.get(_url("directory", district), {"page": 2})
    nonsense = client.get(_url("directory", district), {"page": "abc"})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert nonsense.status_code == 200


def test_the_search_needs_the_same_number_of_queries_for_10_and_100_organisations(
    client, district, municipalities
):
    def add(count):
        for organisation in OrganisationFactory.create_batch(count, district=district):
            organisation.languages.add("de", "ar")
            organisation.topics.add("language")
            organisation.municipalities.add(municipalities[0])

    url = _url("directory", district)
    params = {"municipality": municipalities[0].pk, "language": "de"}
    add(10)
    with_10 = _count_queries(client, url, params)
    add(90)
    with_100 = _count_queries(client, url, params)

    assert with_10 == with_100


# --- Organisation page -------------------------------------------------------------------


def test_the_organisation_page_shows_address_hours_languages_topics_and_contacts(
    client, district, municipalities
):
    organisation = OrganisationFactory(
        district=district,
        name="Caritas Nordstadt",
        street="Marktplatz 1",
        postal_code="74564",
        opening_hours="Mo–Fr 9–12 Uhr",
        description="Beratung für Geflüchtete",
        phone="07961 123-456",
    )
    organisation.languages.add("ar")
    organisation.topics.add("counselling")
    organisation.municipalities.add(municipalities[1])
    ContactPersonFactory(organisation=organisation, name="Amal Haddad", is_public=True)

    response = client.get(organisation.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Marktplatz 1", "74564", "Mo–Fr 9–12 Uhr", "Beratung für Geflüchtete"):
        assert text in html
    assert municipalities[1].name in html
    assert "Amal Haddad" in html
    assert 'dir="ltr" href="tel:+497961123456"' in html
    contact = organisation.contacts.get()
    assert _url("contact_vcard", district, pk=contact.pk) in html


def test_internal_contacts_are_hidden_from_anonymous_visitors_but_shown_to_members(
    client, users, district, organisation
):
    ContactPersonFactory(organisation=organisation, name="Öffentliche Person", is_public=True)
    ContactPersonFactory(organisation=organisation, name="Interne Person", is_public=False)

    anonymous = client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(users[Role.PARTNER_EDITOR])
    member = client.get(organisation.get_absolute_url()).content.decode()

    assert "Öffentliche Person" in anonymous and "Interne Person" not in anonymous
    assert "Öffentliche Person" in member and "Interne Person" in member


def test_members_of_another_district_do_not_see_internal_contacts(
    client, other_users, organisation
):
    ContactPersonFactory(organisation=organisation, name="Interne Person", is_public=False)
    client.force_login(other_users[Role.DISTRICT_ADMIN])

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "Interne Person" not in html


def test_a_non_public_organisation_answers_404_to_anonymous_visitors_but_not_to_members(
    client, users, district
):
    organisation = OrganisationFactory(district=district, is_public=False)

    anonymous = client.get(organisation.get_absolute_url())
    client.force_login(users[Role.VOLUNTEER])
    member = client.get(organisation.get_absolute_url())

    assert anonymous.status_code == 404
    assert member.status_code == 200


def test_an_organisation_of_another_district_answers_404(
    client, users, district, other_organisation
):
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.get(_url("organisation", district, pk=other_organisation.pk))

    assert response.status_code == 404


def test_the_organisation_page_needs_the_same_number_of_queries_for_10_and_100_contacts(
    client, district, organisation
):
    def add(count):
        for contact in ContactPersonFactory.create_batch(count, organisation=organisation):
            contact.languages.add("de", "fa")

    add(10)
    with_10 = _count_queries(client, organisation.get_absolute_url())
    add(90)
    with_100 = _count_queries(client, organisation.get_absolute_url())

    assert with_10 == with_100


# --- vCard -------------------------------------------------------------------------------


def test_a_public_contact_can_be_downloaded_as_a_vcard(client, district, organisation):
    contact = ContactPersonFactory(
        organisation=organisation,
        name="Amal Haddad",
        function="Migrationsberatung",
        phone="07961 123-456",
        email="amal.haddad@example.org",
        is_public=True,
    )

    response = client.get(_url("contact_vcard", district, pk=contact.pk))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Amal Haddad"
    assert card.email.value == "amal.haddad@example.org"
    assert card.tel.value == "07961 123-456"
    assert card.org.value == [organisation.name]
    assert card.title.value == "Migrationsberatung"


def test_a_vcard_keeps_arabic_names_and_unusual_characters(client, district, organisation):
    contact = ContactPersonFactory(organisation=organisation, name='أمل حداد; Müller, "Jr."')

    response = client.get(_url("contact_vcard", district, pk=contact.pk))

    assert vobject.readOne(response.content.decode()).fn.value == contact.name
    assert response["Content-Disposition"].isascii()


def test_an_internal_contacts_vcard_answers_404_to_anonymous_visitors_but_not_to_members(
    client, users, district, organisation
):
    contact = ContactPersonFactory(organisation=organisation, is_public=False)
    url = _url("contact_vcard", district, pk=contact.pk)

    anonymous = client.get(url)
    client.force_login(users[Role.MUNICIPAL_COORDINATOR])
    member = client.get(url)

    assert anonymous.status_code == 404
    assert member.status_code == 200
    assert "no-store" in member["Cache-Control"]


def test_a_public_contact_of_a_non_public_organisation_is_not_public(client, district):
    organisation = OrganisationFactory(district=district, is_public=False)
    contact = ContactPersonFactory(organisation=organisation, is_public=True)

    response = client.get(_url("contact_vcard", district, pk=contact.pk))

    assert response.status_code == 404


def test_a_contact_of_another_district_answers_404(client, users, district, other_organisation):
    contact = ContactPersonFactory(organisation=other_organisation, is_public=True)
    client.force_login(users[Role.DISTRICT_ADMIN])

    response = client.get(_url("contact_vcard", district, pk=contact.pk))

    assert response.status_code == 404


# --- Who is responsible ------------------------------------------------------------------


@pytest.fixture
def responsible_setup(district, municipalities):
    """A municipality with everything the page shows, and some noise around it."""
    here, elsewhere = municipalities[0], municipalities[1]
    here.integration_management = IntegrationManagementCarrier.PROVIDER
    here.save(update_fields=["integration_management"])

    def org(name, type, seat=None, serves=(), whole=False, public=True):
        organisation = OrganisationFactory(
            district=district,
            name=name,
            type=type,
            municipality=seat,
            serves_whole_district=whole,
            is_public=public,
        )
        organisation.municipalities.add(*serves)
        return organisation

    org("Koordinationsstelle Hier", OrganisationType.COORDINATION_POINT, seat=here)
    org("Koordinationsstelle Dort", OrganisationType.COORDINATION_POINT, seat=elsewhere)
    org("Rathaus Hier", OrganisationType.MUNICIPAL_ADMINISTRATION, seat=here)
    org("Helferkreis Hier", OrganisationType.VOLUNTEER_INITIATIVE, serves=[here])
    org("Helferkreis Dort", OrganisationType.VOLUNTEER_INITIATIVE, serves=[elsewhere])
    org("Ausländerbehörde", OrganisationType.IMMIGRATION_AUTHORITY, whole=True)
    org("Migrationsberatung", OrganisationType.MIGRATION_COUNSELLING, serves=[here])
    org("Interner Kreis", OrganisationType.VOLUNTEER_INITIATIVE, serves=[here], public=False)
    provider = org("Diakonie Träger", OrganisationType.INTEGRATION_MANAGEMENT_PROVIDER)
    team = IntegrationTeam.objects.create(district=district, name="Team Nord")
    tandem = Tandem.objects.create(district=district, team=team, name="Tandem A")
    tandem.members.add(
        ContactPersonFactory(organisation=provider, name="Sara Öffentlich", is_public=True),
        ContactPersonFactory(organisation=provider, name="Jonas Intern", is_public=False),
    )
    Responsibility.objects.create(
        district=district, municipality=here, provider=provider, tandem=tandem
    )
    return here


def test_who_is_responsible_shows_everything_for_the_chosen_municipality(
    client, district, responsible_setup
):
    response = client.get(_url("responsible", district), {"municipality": responsible_setup.pk})

    html = response.content.decode()
    assert response.status_code == 200
    for name in (
        "Koordinationsstelle Hier",
        "Rathaus Hier",
        "Helferkreis Hier",
        "Ausländerbehörde",
        "Migrationsberatung",
        "Diakonie Träger",
        "Team Nord",
        "Sara Öffentlich",
    ):
        assert name in html, name
    for name in ("Koordinationsstelle Dort", "Helferkreis Dort", "Interner Kreis", "Jonas Intern"):
        assert name not in html, name


def test_members_see_internal_entries_on_who_is_responsible(
    client, users, district, responsible_setup
):
    client.force_login(users[Role.VOLUNTEER])

    html = client.get(
        _url("responsible", district), {"municipality": responsible_setup.pk}
    ).content.decode()

    assert "Interner Kreis" in html and "Jonas Intern" in html


def test_who_is_responsible_without_a_choice_shows_only_the_form(client, district):
    response = client.get(_url("responsible", district))

    assert response.status_code == 200
    assert response.context["municipality"] is None


@pytest.mark.parametrize("value", ["999999", "abc", "1 OR 1=1"])
def test_an_unknown_municipality_answers_404(client, district, value):
    response = client.get(_url("responsible", district), {"municipality": value})

    assert response.status_code == 404


def test_a_municipality_of_another_district_answers_404(client, district, other_municipalities):
    response = client.get(
        _url("responsible", district), {"municipality": other_municipalities[0].pk}
    )

    assert response.status_code == 404


def test_who_is_responsible_answers_htmx_with_the_fragment(client, district, responsible_setup):
    response = client.get(
        _url("responsible", district),
        {"municipality": responsible_setup.pk},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="responsible-results"')
    assert "HX-Request" in response["Vary"]


def test_who_is_responsible_needs_the_same_number_of_queries_for_10_and_100_entries(
    client, district, responsible_setup
):
    def add(count):
        for organisation in OrganisationFactory.create_batch(
            count, district=district, type=OrganisationType.VOLUNTEER_INITIATIVE
        ):
            organisation.municipalities.add(responsible_setup)
            ContactPersonFactory(organisation=organisation)

    url = _url("responsible", district)
    params = {"municipality": responsible_setup.pk}
    add(10)
    with_10 = _count_queries(client, url, params)
    add(90)
    with_100 = _count_queries(client, url, params)

    assert with_10 == with_100


# --- Get involved ------------------------------------------------------------------------


def test_get_involved_lists_initiatives_with_whom_to_contact(client, district, municipalities):
    initiative = OrganisationFactory(
        district=district,
        name="Arbeitskreis Asyl",
        type=OrganisationType.VOLUNTEER_INITIATIVE,
        municipality=municipalities[0],
    )
    initiative.municipalities.add(municipalities[0])
    speaker = ContactPersonFactory(organisation=initiative, name="Petra Sprecherin")
    ContactPersonFactory(organisation=initiative, name="Geheim Intern", is_public=False)
    initiative.speaker = speaker
    initiative.save(update_fields=["speaker"])
    OrganisationFactory(district=district, name="Caritas")

    html = client.get(_url("get_involved", district)).content.decode()

    assert "Arbeitskreis Asyl" in html and "Petra Sprecherin" in html
    assert municipalities[0].name in html
    assert "Geheim Intern" not in html and "Caritas" not in html


def test_get_involved_filters_by_municipality(client, district, municipalities):
    here = OrganisationFactory(
        district=district, name="Helferkreis Hier", type=OrganisationType.VOLUNTEER_INITIATIVE
    )
    here.municipalities.add(municipalities[0])
    there = OrganisationFactory(
        district=district, name="Helferkreis Dort", type=OrganisationType.VOLUNTEER_INITIATIVE
    )
    there.municipalities.add(municipalities[1])

    html = client.get(
        _url("get_involved", district), {"municipality": municipalities[0].pk}
    ).content.decode()

    assert "Helferkreis Hier" in html and "Helferkreis Dort" not in html


def test_get_involved_with_a_foreign_municipality_answers_404(
    client, district, other_municipalities
):
    response = client.get(
        _url("get_involved", district), {"municipality": other_municipalities[0].pk}
    )

    assert response.status_code == 404


def test_get_involved_needs_the_same_number_of_queries_for_10_and_100_initiatives(
    client, district, municipalities
):
    def add(count):
        for index, organisation in enumerate(
            OrganisationFactory.create_batch(
                count, district=district, type=OrganisationType.VOLUNTEER_INITIATIVE
            )
        ):
            organisation.municipality = municipalities[index % 3]
            organisation.save(update_fields=["municipality"])
            organisation.municipalities.add(municipalities[index % 3])
            ContactPersonFactory(organisation=organisation)

    add(10)
    with_10 = _count_queries(client, _url("get_involved", district))
    add(90)
    with_100 = _count_queries(client, _url("get_involved", district))

    assert with_10 == with_100


# --- District office contacts ------------------------------------------------------------


def _office_unit(district, name="Sachgebiet Integration"):
    office = OrganisationFactory(
        district=district, name="Landratsamt", type=OrganisationType.DISTRICT_OFFICE
    )
    return office, OfficeUnit.objects.create(district=district, name=name)


def test_the_office_staff_page_lists_units_staff_and_visible_deputies(client, users, district):
    office, unit = _office_unit(district)
    deputy = ContactPersonFactory(
        organisation=office, unit=unit, name="Interne Vertretung", is_public=False
    )
    ContactPersonFactory(
        organisation=office,
        unit=unit,
        name="Frau Amtsleiterin",
        function="Leitung",
        deputy=deputy,
    )

    anonymous = client.get(_url("office_staff", district)).content.decode()
    client.force_login(users[Role.VOLUNTEER])
    member = client.get(_url("office_staff", district)).content.decode()

    assert "Sachgebiet Integration" in anonymous and "Frau Amtsleiterin" in anonymous
    assert "Interne Vertretung" not in anonymous
    assert "Interne Vertretung" in member


def test_the_office_staff_page_needs_the_same_number_of_queries_for_10_and_100_people(
    client, district
):
    office, unit = _office_unit(district)
    second_unit = OfficeUnit.objects.create(district=district, name="Stabsstelle")

    def add(count):
        people = ContactPersonFactory.create_batch(count, organisation=office, unit=unit)
        for person in people:
            person.deputy = people[0]
            person.unit = second_unit if person.pk % 2 else unit
            person.save(update_fields=["deputy", "unit"])

    add(10)
    with_10 = _count_queries(client, _url("office_staff", district))
    add(90)
    with_100 = _count_queries(client, _url("office_staff", district))

    assert with_10 == with_100


# --- Integration management overview ------------------------------------------------------


def test_the_overview_shows_the_split_of_carriers_and_the_tandems(
    client, district, municipalities, responsible_setup
):
    response = client.get(_url("integration_management", district))

    carriers = {carrier: count for carrier, _label, count in response.context["carriers"]}
    html = response.content.decode()
    assert carriers == {"district": 2, "municipality": 0, "provider": 1}
    assert response.context["total"] == 3
    assert "Diakonie Träger" in html and "Tandem A" in html and "Sara Öffentlich" in html
    assert "Jonas Intern" not in html


def test_the_overview_counts_only_the_own_districts_municipalities(
    client, district, municipalities, other_municipalities
):
    response = client.get(_url("integration_management", district))

    assert response.context["total"] == 3
    assert other_municipalities[0].name not in response.content.decode()


def test_the_overview_needs_the_same_number_of_queries_for_10_and_100_municipalities(
    client, district, responsible_setup
):
    provider = OrganisationFactory(district=district)
    team = IntegrationTeam.objects.create(district=district, name="Team Süd")

    def add(count):
        for municipality in MunicipalityFactory.create_batch(count, district=district):
            tandem = Tandem.objects.create(district=district, team=team, name=municipality.name)
            tandem.members.add(ContactPersonFactory(organisation=provider))
            Responsibility.objects.create(
                district=district, municipality=municipality, provider=provider, tandem=tandem
            )

    add(10)
    with_10 = _count_queries(client, _url("integration_management", district))
    add(90)
    with_100 = _count_queries(client, _url("integration_management", district))

    assert with_10 == with_100
