"""The catalogue's search page: old links keep working, filters fold away and can be
removed, an empty result has ways back, and "back to the offers" keeps the search."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import LanguageCode, SpokenLanguage
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers.models import TargetGroup, TargetGroupCode

from .factories import OfferFactory

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")

NOTE = "A filter in the link no longer exists and was ignored."


@pytest.fixture(autouse=True)
def _reference_lists(db):
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)


def _url(name, district, **kwargs):
    return reverse(f"offers:{name}", kwargs={"district_slug": district.slug, **kwargs})


@pytest.fixture
def make_offer(district, provider, categories):
    def make(title, **kwargs):
        kwargs.setdefault("category", categories[0])
        return OfferFactory(district=district, provider=provider, title=title, **kwargs)

    return make


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "99999"},
        {"municipality": "abc"},
        {"category": "abc"},
        {"category": "99999"},
        {"provider": "99999"},
        {"language": "xx"},
        {"target_group": "'; DROP TABLE offers_offer; --"},
        {"sort": "price"},
    ],
)
def test_an_invalid_filter_in_a_link_is_dropped_with_a_note(client, district, make_offer, params):
    make_offer("Sprachcafé")

    response = client.get(_url("catalogue", district), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].dropped == list(params)
    assert NOTE in html
    assert "Sprachcafé" in html, "the page shows what the other filters find"


def test_a_municipality_of_another_district_in_a_link_is_dropped(
    client, district, make_offer, other_municipalities
):
    make_offer("Sprachcafé")

    response = client.get(_url("catalogue", district), {"municipality": other_municipalities[0].pk})

    assert response.status_code == 200
    assert "Sprachcafé" in response.content.decode()


def test_a_dropped_filter_keeps_the_others(client, district, make_offer):
    make_offer("Sprachcafé")
    make_offer("Nähtreff")

    response = client.get(_url("catalogue", district), {"q": "Sprachcafé", "category": "abc"})

    html = response.content.decode()
    assert NOTE in html
    assert "Sprachcafé" in html and "Nähtreff" not in html


def test_the_provider_filter_accepts_only_public_organisations(client, district, make_offer):
    internal = OrganisationFactory(district=district, name="Geheimer Arbeitskreis", is_public=False)
    make_offer("Sprachcafé")

    response = client.get(_url("catalogue", district), {"provider": internal.pk})

    html = response.content.decode()
    assert "Geheimer Arbeitskreis" not in html
    assert NOTE in html
    assert response.context["provider"] is None


def test_the_catalogue_reads_q_and_old_query_links(client, district, make_offer):
    make_offer("Sprachcafé")
    make_offer("Nähtreff")

    new = client.get(_url("catalogue", district), {"q": "Sprachcafé"}).content.decode()
    old = client.get(_url("catalogue", district), {"query": "Sprachcafé"}).content.decode()

    for html in (new, old):
        assert "Sprachcafé" in html and "Nähtreff" not in html
        assert 'name="q"' in html and 'name="query"' not in html
    # The links of the page carry ``q``.
    assert "karte/?q=Sprachcaf" in old


def test_a_search_text_that_is_too_long_shows_its_error_and_no_offers(client, district, make_offer):
    make_offer("Nähtreff")

    response = client.get(_url("catalogue", district), {"q": "x" * 201})

    html = response.content.decode()
    assert response.context["form"].errors["q"]
    assert "Nähtreff" not in html
    assert response.context["page"].paginator.count == 0


def test_the_filters_fold_into_a_disclosure_that_names_the_active_ones(
    client, district, make_offer, categories
):
    make_offer("Sprachcafé")

    html = client.get(
        _url("catalogue", district), {"q": "café", "category": categories[0].pk, "free": "on"}
    ).content.decode()

    disclosure = html[html.index('<details class="kp-filter-disclosure"') :]
    assert "<summary" in disclosure.split("</details>")[0]
    assert 'id="id_category"' in disclosure.split("</details>")[0]
    chips = html[html.index('class="kp-filter-chips"') :].split("</ul>")[0]
    assert "(2 active)" in html
    # Each chip is a link without its filter, keeping the text and the others.
    assert f'href="?q=caf%C3%A9&amp;category={categories[0].pk}"' in chips
    assert 'href="?q=caf%C3%A9&amp;free=on"' in chips


def test_options_that_show_nothing_are_marked(client, district, make_offer, categories):
    make_offer("Sprachcafé", category=categories[0])

    html = client.get(_url("catalogue", district)).content.decode()

    assert f'<option value="{categories[1].pk}" class="kp-option--none">' in html
    assert f'<option value="{categories[0].pk}">' in html


def test_no_results_offer_to_reset_the_filters(client, district, make_offer, categories):
    make_offer("Sprachcafé", category=categories[0])

    response = client.get(
        _url("catalogue", district), {"q": "Sprachcafé", "category": categories[1].pk}
    )

    html = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert 'href="?q=Sprachcaf%C3%A9"' in html  # the filters removed, the text kept
    assert f'href="?category={categories[1].pk}"' in html  # the text removed
    assert f'href="{_url("catalogue", district)}"' in html  # everything removed


def test_back_to_the_offers_keeps_the_search(client, district, make_offer):
    offer = make_offer("Sprachcafé")
    searched = "http://testserver" + _url("catalogue", district) + "?q=caf%C3%A9&free=on"

    kept = client.get(_url("offer", district, pk=offer.pk), HTTP_REFERER=searched)
    elsewhere = client.get(
        _url("offer", district, pk=offer.pk), HTTP_REFERER="https://example.org/angebote/?q=x"
    )

    assert 'href="/nordkreis/angebote/?q=caf%C3%A9&amp;free=on"' in kept.content.decode()
    assert f'href="{_url("catalogue", district)}">' in elsewhere.content.decode()
