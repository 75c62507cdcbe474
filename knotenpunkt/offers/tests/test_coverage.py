"""Coverage: how many offers people in each municipality can reach, per top-level category."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knotenpunkt.core.roles import Role
from knotenpunkt.offers.models import OfferState
from knotenpunkt.offers.selectors import offer_coverage

from .factories import CategoryFactory, OfferFactory, OfferPlaceFactory


def _url(name, district):
    return reverse(f"offers:{name}", kwargs={"district_slug": district.slug})


@pytest.fixture
def language(district, categories):
    return categories[0]  # Sprache


@pytest.fixture
def counselling(district, categories):
    return categories[3]  # Beratung


def _offer(district, category, *municipalities, **kwargs):
    offer = OfferFactory(district=district, category=category, **kwargs)
    for municipality in municipalities:
        OfferPlaceFactory(offer=offer, municipality=municipality)
    return offer


def _matrix(coverage, categories):
    """Return ``{municipality name: {category name: count}}`` for ``categories``."""
    columns = [category.pk for category in coverage.categories]
    return {
        row.municipality.name: {
            category.name: row.counts[columns.index(category.pk)] for category in categories
        }
        for row in coverage.rows
    }


def test_an_offer_counts_where_it_has_a_place_and_online_offers_count_everywhere(
    district, municipalities, language, counselling
):
    first, second, third = municipalities
    _offer(district, language, first)
    _offer(district, language, first, second)  # two municipalities: counted in both
    _offer(district, language, first, first)  # two places in one municipality: once
    _offer(district, counselling, is_online=True)
    _offer(district, counselling, third, serves_whole_district=True)

    coverage = offer_coverage(district=district)

    assert _matrix(coverage, [language, counselling]) == {
        first.name: {language.name: 3, counselling.name: 2},
        second.name: {language.name: 1, counselling.name: 2},
        third.name: {language.name: 0, counselling.name: 2},
    }
    everywhere = coverage.everywhere[[c.pk for c in coverage.categories].index(counselling.pk)]
    assert everywhere == 2


def test_a_subcategory_counts_for_its_top_level_category(district, municipalities, language):
    course = CategoryFactory(district=district, parent=language, name="Integrationskurse")
    evening = CategoryFactory(district=district, parent=course, name="Abendkurse")
    _offer(district, course, municipalities[0])
    _offer(district, evening, municipalities[0])

    coverage = offer_coverage(district=district)

    assert course not in coverage.categories and evening not in coverage.categories
    assert _matrix(coverage, [language])[municipalities[0].name] == {language.name: 2}


def test_only_offers_of_the_public_catalogue_count(district, municipalities, language):
    first = municipalities[0]
    _offer(district, language, first, state=OfferState.DRAFT)
    _offer(district, language, first, state=OfferState.ARCHIVED)
    _offer(district, language, first, last_confirmed_at=datetime.date(2020, 1, 1))
    _offer(district, language, first, valid_until=datetime.date(2020, 1, 1))
    published = _offer(district, language, first)
    # A pending change of a published offer is not a second offer.
    pending = _offer(district, language, first, state=OfferState.DRAFT, revision_of=published)
    assert pending.revision_of == published

    coverage = offer_coverage(district=district)

    assert _matrix(coverage, [language])[first.name] == {language.name: 1}


def test_offers_of_another_district_do_not_count(
    district, municipalities, language, other_district
):
    other_category = CategoryFactory(district=other_district, slug="sprache")
    OfferFactory(district=other_district, category=other_category, is_online=True)

    coverage = offer_coverage(district=district)

    assert coverage.gaps == len(coverage.rows) * len(coverage.categories)
    assert {row.municipality for row in coverage.rows} == set(municipalities)


def test_the_coverage_needs_the_same_number_of_queries_for_10_and_100_offers(
    district, municipalities, categories
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            coverage = offer_coverage(district=district)
        return len(queries), sum(row.total for row in coverage.rows)

    for index in range(10):
        _offer(district, categories[index % 5], municipalities[index % 3])
    few, reached = count_queries()
    assert reached == 10
    for index in range(90):
        _offer(
            district,
            categories[index % 10],
            municipalities[index % 3],
            is_online=index % 7 == 0,
        )
    many, reached = count_queries()
    assert reached > 100
    assert few == many <= 4


def test_the_page_marks_gaps_with_text_and_its_queries_do_not_grow(
    client, district, users, municipalities, language, german
):
    client.force_login(users[Role.DISTRICT_COORDINATOR])
    _offer(district, language, municipalities[0])
    url = _url("coverage", district)

    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert german("gap") in content
    assert 'class="kern-table__cell kern-table__cell--numeric kp-gap"' in content

    for _index in range(30):
        _offer(district, language, *municipalities)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_the_public_coverage_exists_only_where_the_district_made_it_public(
    client, district, municipalities, language
):
    _offer(district, language, municipalities[0])
    url = _url("coverage_public", district)
    assert client.get(url).status_code == 404

    district.offer_coverage_public = True
    district.save(update_fields=["offer_coverage_public"])

    response = client.get(url)
    assert response.status_code == 200
    assert municipalities[0].name in response.content.decode()


def test_each_count_links_to_the_offers_it_counts(
    client, district, users, municipalities, language, counselling
):
    import re
    from html import unescape

    client.force_login(users[Role.DISTRICT_COORDINATOR])
    _offer(district, language, municipalities[0])
    _offer(district, language, municipalities[0], municipalities[1])
    _offer(district, counselling, is_online=True)
    sub = CategoryFactory(district=district, parent=language, name="Deutsch für den Beruf")
    _offer(district, sub, municipalities[0])

    html = client.get(_url("coverage", district)).content.decode()

    links = re.findall(r'<a class="kern-link" href="([^"]+)">(\d+)</a>', html)
    wanted = (
        f"{_url('catalogue', district)}?category={language.pk}&municipality={municipalities[0].pk}"
    )
    assert (wanted, "3") in [(unescape(url), count) for url, count in links]
    for url, count in links:
        response = client.get(unescape(url))
        assert response.context["page"].paginator.count == int(count), url
