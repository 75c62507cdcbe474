"""The directory's search finds word forms, typing errors and compounds, as the offers'
search does (the shared machinery in ``core.search``), on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from .factories import OrganisationFactory


def _names(client, district, query):
    url = reverse("directory:directory", kwargs={"district_slug": district.slug})
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return [organisation.name for organisation in response.context["page"].object_list]


@pytest.fixture
def organisations(district):
    return [
        OrganisationFactory(district=district, name="Caritasverband Nordkreis e. V."),
        OrganisationFactory(
            district=district,
            name="Volkshochschule Nordkreis",
            description="Integrationskurse, Alphabetisierungskurse und Einstufungstests.",
        ),
        OrganisationFactory(
            district=district,
            name="Sprachinstitut Lingua",
            description="Deutsch für den Beruf: Sprachkurse am Abend.",
        ),
        OrganisationFactory(district=district, name="Sportverein Nordstadt", description="Fußball"),
    ]


def test_a_typing_error_in_the_directory_search_still_finds_the_organisation(
    client, district, organisations
):
    assert _names(client, district, "Caritsverband") == ["Caritasverband Nordkreis e. V."]


def test_a_compound_finds_organisations_with_its_parts(client, district, organisations):
    """ "Deutschkurs" finds "Deutsch … Sprachkurse"; failing that, its head "kurs"."""
    assert _names(client, district, "Deutschkurs") == ["Sprachinstitut Lingua"]
    assert _names(client, district, "Abendkurs") == ["Sprachinstitut Lingua"]
    assert set(_names(client, district, "Malkurs")) == {
        "Volkshochschule Nordkreis",
        "Sprachinstitut Lingua",
    }


def test_the_directory_search_finds_word_forms_and_parts_of_compounds(
    client, district, organisations
):
    assert _names(client, district, "Integrationskurs") == ["Volkshochschule Nordkreis"]
    assert _names(client, district, "kurse") == [
        "Sprachinstitut Lingua",
        "Volkshochschule Nordkreis",
    ]
    assert _names(client, district, "fussball") == ["Sportverein Nordstadt"]


def test_organisations_whose_name_matches_come_first(client, district):
    OrganisationFactory(district=district, name="Anderer Verein", description="Sprachkurse")
    OrganisationFactory(district=district, name="Zentrum für Sprachkurse")

    assert _names(client, district, "Sprachkurse") == ["Zentrum für Sprachkurse", "Anderer Verein"]


def test_the_directory_search_sees_new_and_changed_organisations(client, district, organisations):
    assert _names(client, district, "Kleiderkammer") == []
    added = OrganisationFactory(district=district, name="Kleiderkammer Süd")
    assert _names(client, district, "Kleiderkammer") == ["Kleiderkammer Süd"]
    added.name = "Möbelbörse Süd"
    added.save()
    assert _names(client, district, "Kleiderkammer") == []


def test_the_directory_search_shows_no_internal_organisation_to_visitors(client, district):
    OrganisationFactory(district=district, name="Caritasverband Intern", is_public=False)

    assert _names(client, district, "Caritasverband") == []


def test_the_directory_search_finds_nothing_for_a_query_without_words(
    client, district, organisations
):
    assert _names(client, district, "!!!") == []
