"""The Atom feed of new offers, per district and optionally per municipality, category or
organisation."""

import datetime
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers.models import OfferState

from .factories import CategoryFactory, OfferFactory, OfferPlaceFactory, OfferTranslationFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed_url(district):
    return reverse("offers:feed", kwargs={"district_slug": district.slug})


def _entries(response):
    assert response.status_code == 200, response.content[:500]
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_is_atom_with_the_newest_public_offers_first(client, district, other_offer):
    now = timezone.now()
    OfferFactory(district=district, title="Alt", published_at=now - datetime.timedelta(days=3))
    OfferFactory(district=district, title="Neu", published_at=now)
    OfferFactory(district=district, title="Entwurf", state=OfferState.DRAFT)
    OfferFactory(district=district, title="Veraltet", last_confirmed_at=datetime.date(2000, 1, 1))

    response = client.get(_feed_url(district))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert _entries(response) == ["Neu", "Alt"]


def test_an_entry_names_provider_category_and_dates(client, offer):
    root = ElementTree.fromstring(client.get(_feed_url(offer.district)).content)  # noqa: S314

    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == offer.summary
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == offer.provider.name
    assert entry.find(f"{ATOM}category").get("term") == offer.category.name
    assert entry.findtext(f"{ATOM}published").startswith(str(offer.published_at.date()))
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(_feed_url(offer.district))


def test_the_feed_holds_at_most_50_offers(client, district):
    OfferFactory.create_batch(52, district=district)

    assert len(_entries(client.get(_feed_url(district)))) == 50


def test_the_feed_can_be_filtered(client, district, municipalities):
    caritas = OrganisationFactory(district=district, name="Caritas")
    health = CategoryFactory(district=district, name="Gesundheit", slug="gesundheit")
    here = OfferFactory(district=district, title="Vor Ort", provider=caritas)
    OfferPlaceFactory(offer=here, municipality=municipalities[0])
    OfferFactory(district=district, title="Gesund", category=health)
    url = _feed_url(district)

    assert _entries(client.get(url, {"municipality": municipalities[0].pk})) == ["Vor Ort"]
    assert _entries(client.get(url, {"category": health.pk})) == ["Gesund"]
    assert _entries(client.get(url, {"provider": caritas.pk})) == ["Vor Ort"]


@pytest.mark.parametrize("parameter", ["municipality", "category", "provider"])
def test_an_unknown_or_foreign_filter_answers_404(client, district, other_offer, parameter):
    foreign = {
        "municipality": 999999,
        "category": other_offer.category_id,
        "provider": other_offer.provider_id,
    }

    for value in (foreign[parameter], "abc"):
        assert client.get(_feed_url(district), {parameter: value}).status_code == 404


def test_lang_gives_translated_titles(client, offer):
    OfferTranslationFactory(offer=offer, language="en", title="Language café")

    response = client.get(_feed_url(offer.district), {"lang": "en"})

    assert _entries(response) == ["Language café"]
    assert 'xml:lang="en"' in response.content.decode()


def test_the_feed_of_an_unknown_district_answers_404(client, db):
    assert client.get("/no-such-district/angebote/feed/").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_offers(client, district, municipalities):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_feed_url(district)).status_code == 200
        return len(queries)

    for _index in range(3):
        OfferPlaceFactory(offer=OfferFactory(district=district), municipality=municipalities[0])
    few = count()
    for _index in range(30):
        OfferPlaceFactory(offer=OfferFactory(district=district), municipality=municipalities[0])

    assert count() == few
