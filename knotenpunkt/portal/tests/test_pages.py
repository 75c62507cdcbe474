"""The public pages of a district: home, municipalities and the legal pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from knotenpunkt.districts.models import IntegrationManagementCarrier
from knotenpunkt.districts.tests.factories import MunicipalityFactory, RegionFactory

LEGAL_PAGES = {
    "portal:imprint": "imprint_text",
    "portal:privacy": "privacy_text",
    "portal:accessibility": "accessibility_text",
}


def _url(name, district):
    return reverse(name, kwargs={"district_slug": district.slug})


@pytest.mark.parametrize(("url_name", "field"), LEGAL_PAGES.items())
def test_a_legal_page_shows_the_text_the_district_entered(client, district, url_name, field):
    setattr(district, field, "Erster Absatz.\n\nZweiter Absatz mit <b>Markup</b>.")
    district.save(update_fields=[field])

    html = client.get(_url(url_name, district)).content.decode()

    assert "<p>Erster Absatz.</p>" in html
    assert "Zweiter Absatz mit &lt;b&gt;Markup&lt;/b&gt;." in html
    assert district.office_name in html


@pytest.mark.parametrize("url_name", LEGAL_PAGES)
def test_a_legal_page_without_text_says_so(client, district, url_name, german):
    html = client.get(_url(url_name, district)).content.decode()

    assert german("The district has not entered this text yet.") in html


def test_legal_pages_show_only_the_own_districts_text(client, district, other_district):
    other_district.imprint_text = "Impressum des Südkreises"
    other_district.save(update_fields=["imprint_text"])

    html = client.get(_url("portal:imprint", district)).content.decode()

    assert "Impressum des Südkreises" not in html


def test_municipalities_are_listed_by_region_with_their_carrier(client, district, other_district):
    valley = RegionFactory(district=district, name="Mühlbachtal")
    MunicipalityFactory(
        district=district,
        region=valley,
        name="Oberbach",
        official_key="08999001",
        integration_management=IntegrationManagementCarrier.PROVIDER,
    )
    MunicipalityFactory(district=other_district, name="Fremdheim")

    response = client.get(_url("portal:municipalities", district))

    html = response.content.decode()
    assert "Mühlbachtal" in html
    assert "Oberbach" in html
    assert "08999001" in html
    with translation.override("de"):
        assert str(IntegrationManagementCarrier.PROVIDER.label) in html
    assert "Fremdheim" not in html


def _municipalities_page_queries(client, district, count):
    regions = RegionFactory.create_batch(max(1, count // 20), district=district)
    for index in range(count):
        MunicipalityFactory(district=district, region=regions[index % len(regions)])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("portal:municipalities", district))
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"') == count
    return len(queries)


def test_the_municipalities_page_needs_as_many_queries_for_100_rows_as_for_10(
    client, district, other_district
):
    few = _municipalities_page_queries(client, district, 10)
    many = _municipalities_page_queries(client, other_district, 100)

    assert few == many


def test_the_landing_page_lists_the_active_districts(client, district, other_district):
    other_district.is_active = False
    other_district.save(update_fields=["is_active"])

    html = client.get(reverse("portal:landing")).content.decode()

    assert f'href="{district.get_absolute_url()}"' in html
    assert other_district.name not in html


def test_the_district_home_shows_the_contact_of_the_migration_office(client, district):
    district.office_phone = "07999 123-456"
    district.save(update_fields=["office_phone"])

    html = client.get(_url("portal:district_home", district)).content.decode()

    assert district.office_name in html
    assert 'href="tel:+497999123456"' in html
    assert f'href="mailto:{district.office_email}"' in html


def test_municipalities_without_a_region_are_listed_too(client, district):
    MunicipalityFactory(district=district, region=None, name="Einzelhof")

    html = client.get(_url("portal:municipalities", district), HTTP_ACCEPT_LANGUAGE="en")

    assert "Einzelhof" in html.content.decode()
    assert "Without region" in html.content.decode()


def test_the_municipalities_filter_narrows_by_name_and_region(client, district):
    north = RegionFactory(district=district, name="Nord")
    south = RegionFactory(district=district, name="Süd")
    MunicipalityFactory(district=district, region=north, name="Tannhausen")
    MunicipalityFactory(district=district, region=south, name="Tannweiler")
    MunicipalityFactory(district=district, region=south, name="Birkenau")
    url = _url("portal:municipalities", district)

    by_name = client.get(url, {"query": "tann"}).content.decode()
    by_both = client.get(url, {"query": "tann", "region": south.pk}).content.decode()

    assert "Tannhausen" in by_name and "Tannweiler" in by_name and "Birkenau" not in by_name
    assert "Tannweiler" in by_both and "Tannhausen" not in by_both


def test_a_region_of_another_district_in_the_filter_answers_404(client, district, other_district):
    foreign = RegionFactory(district=other_district)

    response = client.get(_url("portal:municipalities", district), {"region": foreign.pk})

    assert response.status_code == 404


def test_a_too_long_search_is_a_field_error_not_a_crash(client, district):
    MunicipalityFactory(district=district, name="Tannhausen")

    response = client.get(_url("portal:municipalities", district), {"query": "x" * 500})

    assert response.status_code == 200
    assert response.context["form"].errors["query"]
    assert "Tannhausen" in response.content.decode(), "an invalid filter shows everything"


def test_htmx_requests_get_only_the_results_fragment(client, district):
    MunicipalityFactory(district=district, name="Tannhausen")

    response = client.get(
        _url("portal:municipalities", district), {"query": "tann"}, HTTP_HX_REQUEST="true"
    )
    page = client.get(_url("portal:municipalities", district), {"query": "tann"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="municipality-results"')
    assert "Tannhausen" in html and "<html" not in html
    assert "HX-Request" in response["Vary"] and "HX-Request" in page["Vary"]
    assert "<html" in page.content.decode()
