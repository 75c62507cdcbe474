"""The directory's search page: the filters fold into a disclosure that names the active
ones, old ``?query=`` links work, and an empty result has ways back."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import LanguageCode, SpokenLanguage, Topic, TopicCode

from .factories import OrganisationFactory

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")


@pytest.fixture(autouse=True)
def _reference_lists(db):
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TopicCode.values:
        Topic.objects.get_or_create(code=code)


def _url(district):
    return reverse("directory:directory", kwargs={"district_slug": district.slug})


def test_the_directory_reads_old_query_links_and_its_links_carry_q(client, district):
    OrganisationFactory(district=district, name="Caritasverband")
    OrganisationFactory.create_batch(30, district=district, description="Caritas")

    response = client.get(_url(district), {"query": "Caritas"})

    html = response.content.decode()
    assert response.context["page"].paginator.count == 31
    assert 'name="q" value="Caritas"' in html
    assert "?q=Caritas&amp;page=2" in html


def test_the_directory_filters_fold_into_a_disclosure_that_names_the_active_ones(client, district):
    OrganisationFactory(district=district, name="Caritasverband", type="welfare_association")

    response = client.get(_url(district), {"q": "caritas", "type": "welfare_association"})

    html = response.content.decode()
    disclosure = html[html.index('<details class="kp-filter-disclosure"') :].split("</details>")[0]
    assert "<summary" in disclosure and 'id="id_type"' in disclosure
    assert 'id="id_q"' not in disclosure, "the search text stays in view"
    chips = html[html.index('class="kp-filter-chips"') :].split("</ul>")[0]
    assert 'href="?q=caritas"' in chips
    assert "(1 active)" in html


def test_htmx_updates_the_active_filters_out_of_band(client, district):
    OrganisationFactory(district=district, name="Caritasverband", type="welfare_association")

    response = client.get(_url(district), {"type": "welfare_association"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert 'id="directory-active-filters" class="kp-filter-active" data-hx-swap-oob="true"' in html
    assert 'id="directory-filter-summary" data-hx-swap-oob="true"' in html


def test_an_empty_directory_search_offers_ways_back(client, district):
    OrganisationFactory(district=district, name="Caritasverband", type="welfare_association")

    html = client.get(_url(district), {"q": "Caritas", "type": "school"}).content.decode()

    assert "No organisation matches your search." in html or "Keine Organisation" in html
    assert 'href="?q=Caritas"' in html
    assert 'href="?type=school"' in html
    assert f'href="{_url(district)}"' in html
