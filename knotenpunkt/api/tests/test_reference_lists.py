"""Organisations, categories and municipalities: public data of the district only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.models import OrganisationType
from knotenpunkt.directory.tests.factories import ContactPersonFactory, OrganisationFactory
from knotenpunkt.districts.tests.factories import MunicipalityFactory
from knotenpunkt.offers.tests.factories import CategoryFactory, OfferFactory


def _names(response):
    assert response.status_code == 200, response.content
    return [entry["name"] for entry in response.json()["results"]]


# --- Organisations -------------------------------------------------------------------------


def test_organisations_are_the_public_entries_of_the_district(
    client, api_url, district, other_organisation
):
    OrganisationFactory(district=district, name="Caritas")
    OrganisationFactory(district=district, name="Intern", is_public=False)

    assert _names(client.get(api_url(district, "organisations"))) == ["Caritas"]


def test_an_organisation_shows_its_public_fields_and_no_contact_persons(
    client, api_url, organisation, reference_lists
):
    ContactPersonFactory(organisation=organisation, name="Erika Muster", is_public=True)
    ContactPersonFactory(organisation=organisation, name="Max Intern", is_public=False)
    organisation.languages.add("ar")
    organisation.email = "info@caritas.example"
    organisation.save()

    entry = client.get(api_url(organisation.district, "organisations"), {"lang": "en"}).json()[
        "results"
    ][0]

    assert entry["name"] == organisation.name
    assert entry["email"] == "info@caritas.example"
    assert entry["type"] == {"code": "welfare_association", "label": "Welfare association"}
    assert entry["languages"] == [{"code": "ar", "label": "Arabic"}]
    assert entry["municipalities"] == [
        {"id": organisation.municipality.pk, "name": organisation.municipality.name}
    ]
    assert entry["url"].endswith(f"/verzeichnis/{organisation.pk}/")
    text = str(entry)
    assert "Erika Muster" not in text and "Max Intern" not in text
    assert "contacts" not in entry and "speaker" not in entry and "is_public" not in entry


def test_organisations_can_be_filtered(client, api_url, district, municipalities):
    served = OrganisationFactory(district=district, name="A vor Ort", type=OrganisationType.SCHOOL)
    served.municipalities.add(municipalities[1])
    OrganisationFactory(district=district, name="B kreisweit", serves_whole_district=True)
    OrganisationFactory(district=district, name="C anderswo", description="Schulsozialarbeit")
    url = api_url(district, "organisations")

    assert _names(client.get(url, {"municipality": municipalities[1].pk})) == [
        "A vor Ort",
        "B kreisweit",
    ]
    assert _names(client.get(url, {"type": "school"})) == ["A vor Ort"]
    assert _names(client.get(url, {"q": "schulsozial"})) == ["C anderswo"]


def test_a_member_cookie_does_not_reveal_internal_organisations(client, api_url, users, district):
    OrganisationFactory(district=district, name="Intern", is_public=False)
    OrganisationFactory(district=district, name="Öffentlich")
    client.force_login(users[Role.DISTRICT_ADMIN])

    assert _names(client.get(api_url(district, "organisations"))) == ["Öffentlich"]


def test_the_queries_for_organisations_do_not_grow_with_their_number(
    client, api_url, district, municipalities, reference_lists
):
    def add(number):
        for _index in range(number):
            organisation = OrganisationFactory(district=district, municipality=municipalities[0])
            organisation.municipalities.add(*municipalities)
            organisation.languages.add("de", "ar")
            organisation.topics.add("language")

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(api_url(district, "organisations"), {"limit": 100})
        assert response.status_code == 200
        return len(queries)

    add(10)
    with_ten = count()
    add(90)

    assert count() == with_ten


# --- Categories ----------------------------------------------------------------------------


def test_categories_count_their_public_offers_including_sub_categories(
    client, api_url, district, other_district
):
    language = CategoryFactory(district=district, name="Sprache", slug="sprache", position=0)
    courses = CategoryFactory(
        district=district, name="Kurse", slug="kurse", parent=language, position=1
    )
    CategoryFactory(district=other_district, name="Fremd", slug="fremd")
    OfferFactory(district=district, category=language)
    OfferFactory(district=district, category=courses)
    OfferFactory(district=district, category=courses, state="draft")

    results = client.get(api_url(district, "categories"), {"lang": "en"}).json()["results"]

    assert [(r["slug"], r["parent_id"], r["offer_count"]) for r in results] == [
        ("sprache", None, 2),
        ("kurse", language.pk, 1),
    ]
    assert results[0]["name"] == "Category sprache" and results[0]["name_de"] == "Sprache"


# --- Municipalities ------------------------------------------------------------------------


def test_municipalities_are_those_of_the_district(client, api_url, district, other_district):
    MunicipalityFactory(district=district, name="Oberbach", official_key="08127001")
    MunicipalityFactory(district=other_district, name="Fremdingen")

    results = client.get(api_url(district, "municipalities")).json()["results"]

    assert [(r["name"], r["official_key"]) for r in results] == [("Oberbach", "08127001")]


def test_municipalities_are_paged_too(client, api_url, district, municipalities):
    body = client.get(api_url(district, "municipalities"), {"limit": 2, "page": 2}).json()

    assert (body["count"], body["pages"], len(body["results"])) == (3, 2, 1)
    assert body["next"] is None and body["previous"]
