"""Names sort as a German reader expects, on SQLite and PostgreSQL (ADR 0019)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knotenpunkt.core.collation import sort_key
from knotenpunkt.directory import selectors as directory_selectors
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.districts.models import Municipality
from knotenpunkt.districts.tests.factories import MunicipalityFactory

NAMES = ["AWO Kreisverband", "Agentur für Arbeit", "DRK-Kreisverband",
         "Deutsch-Syrischer Verein", "Ärztehaus", "Zentrum", "abc-Schule", "Öko-Laden",
         "Ölmühle", "Straßenfest", "Strasse 2"]  # fmt: skip
EXPECTED = ["abc-Schule", "Agentur für Arbeit", "Ärztehaus", "AWO Kreisverband",
            "Deutsch-Syrischer Verein", "DRK-Kreisverband", "Öko-Laden", "Ölmühle",
            "Strasse 2", "Straßenfest", "Zentrum"]  # fmt: skip


def test_the_sort_key_ignores_case_and_umlauts():
    assert sorted(NAMES, key=sort_key) == EXPECTED


def test_organisations_sort_case_insensitively_and_with_umlauts_as_base_letters(district):
    for name in NAMES:
        OrganisationFactory(district=district, name=name)

    found = directory_selectors.organisation_search(district=district, actor=AnonymousUser())

    assert [organisation.name for organisation in found] == EXPECTED


def test_municipalities_sort_by_meta_ordering_as_a_german_reader_expects(district):
    for name in ["Überlingen", "Ulm", "aach", "Zell", "Bad Dürrheim", "Badenweiler"]:
        MunicipalityFactory(district=district, name=name)

    names = list(Municipality.objects.in_district(district).values_list("name", flat=True))

    assert names == ["aach", "Bad Dürrheim", "Badenweiler", "Überlingen", "Ulm", "Zell"]


def test_the_directory_page_lists_awo_after_agentur(client, district):
    for name in ["AWO Kreisverband", "Agentur für Arbeit", "DRK-Kreisverband", "Deutsch-Syrischer"]:
        OrganisationFactory(district=district, name=name)

    response = client.get(reverse("directory:directory", kwargs={"district_slug": district.slug}))

    names = [organisation.name for organisation in response.context["page"].object_list]
    assert names == [
        "Agentur für Arbeit",
        "AWO Kreisverband",
        "Deutsch-Syrischer",
        "DRK-Kreisverband",
    ]


@pytest.mark.parametrize("sort", ["name", "relevance"])
def test_the_catalogue_sorts_offers_as_a_german_reader_expects(
    client, district, provider, categories, sort
):
    from knotenpunkt.offers.tests.factories import OfferFactory

    for title in [
        "Yoga",
        "Ärztliche Sprechstunde",
        "AWO-Treff",
        "Agentur-Sprechstunde",
        "deutschkurs",
    ]:
        OfferFactory(district=district, provider=provider, title=title, category=categories[0])

    response = client.get(reverse("offers:catalogue", args=[district.slug]), {"sort": sort})

    titles = [card.title for card in response.context["page"].object_list]
    assert titles == [
        "Agentur-Sprechstunde",
        "Ärztliche Sprechstunde",
        "AWO-Treff",
        "deutschkurs",
        "Yoga",
    ]
