"""The workspace list of offers as CSV and XLSX: the rows of the list, safe cells, few queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers.models import OfferState

from .factories import OfferFactory, OfferPlaceFactory


def _export(client, district, **params):
    url = reverse("offers:workspace_export", kwargs={"district_slug": district.slug})
    return client.get(url, params)


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _titles(response):
    return sorted(row[1] for row in _csv_rows(response)[1:])


@pytest.fixture
def foreign_offer(district, categories):
    """An offer of an organisation the partner editor does not write for."""
    other = OrganisationFactory(district=district, name="Andere Organisation")
    return OfferFactory(district=district, provider=other, category=categories[0], title="Fremd")


def test_a_partner_editor_exports_only_the_offers_they_write(
    client, users, district, offer, foreign_offer, other_offer
):
    client.force_login(users[Role.PARTNER_EDITOR])

    response = _export(client, district)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert _titles(response) == [offer.title]


def test_a_district_coordinator_exports_the_districts_offers_but_no_other_districts(
    client, users, district, offer, foreign_offer, other_offer
):
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    titles = _titles(_export(client, district))

    assert titles == sorted([offer.title, foreign_offer.title])
    assert other_offer.title not in titles


def test_the_export_keeps_the_filters_of_the_list(client, users, district, offer, provider):
    draft = OfferFactory(
        district=district, provider=provider, category=offer.category, state=OfferState.DRAFT
    )
    client.force_login(users[Role.PARTNER_EDITOR])

    assert _titles(_export(client, district, state=OfferState.DRAFT)) == [draft.title]
    assert _titles(_export(client, district, query=offer.title)) == [offer.title]


def test_the_export_neutralises_formulas_in_csv_and_xlsx(client, users, district, offer):
    offer.title = '=HYPERLINK("https://evil.example","Klick")'
    offer.save(update_fields=["title"])
    client.force_login(users[Role.PARTNER_EDITOR])

    csv_title = _csv_rows(_export(client, district))[1][1]
    workbook = load_workbook(io.BytesIO(_export(client, district, format="xlsx").content))
    cell = workbook.active.cell(row=2, column=2)

    assert csv_title == "'" + offer.title
    assert cell.value == "'" + offer.title
    assert cell.data_type == "s"


def test_the_export_lists_municipalities_and_languages(client, users, district, offer):
    client.force_login(users[Role.PARTNER_EDITOR])

    header, row = _csv_rows(_export(client, district))

    assert len(header) == len(row)
    assert offer.places.get().municipality.name in row


def _queries(client, district):
    with CaptureQueriesContext(connection) as queries:
        response = _export(client, district)
    assert response.status_code == 200
    return len(queries)


def test_the_export_needs_as_many_queries_for_100_offers_as_for_10(
    client, users, district, provider, categories, municipalities
):
    client.force_login(users[Role.DISTRICT_COORDINATOR])

    def add(count):
        for _number in range(count):
            offer = OfferFactory(district=district, provider=provider, category=categories[0])
            OfferPlaceFactory(offer=offer, municipality=municipalities[0])

    add(10)
    _export(client, district)  # the first request remembers the district in the session
    ten = _queries(client, district)
    add(90)

    assert _queries(client, district) == ten
