"""Conditional GET: ETag and Last-Modified, 304 while nothing changed, a new ETag after a change."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

from knotenpunkt.core.roles import Role
from knotenpunkt.offers import services
from knotenpunkt.offers.models import Offer
from knotenpunkt.offers.tests.factories import OfferFactory

LISTS = ["offers", "organisations", "categories", "municipalities"]


@pytest.mark.parametrize("path", LISTS)
def test_lists_carry_validators_and_answer_304_to_a_current_copy(client, api_url, offer, path):
    url = api_url(offer.district, path)
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def test_the_detail_carries_validators_and_answers_304(client, api_url, offer):
    url = api_url(offer.district, "offers", offer.pk)
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200 and again.status_code == 304
    assert first["Last-Modified"] == http_date(offer.updated_at.timestamp())


def test_other_parameters_have_another_etag(client, api_url, offer):
    url = api_url(offer.district, "offers")

    assert client.get(url)["ETag"] != client.get(url, {"lang": "en"})["ETag"]
    assert client.get(url)["ETag"] != client.get(url, {"limit": 5})["ETag"]


def test_a_changed_offer_gives_a_new_etag(client, api_url, offer):
    url = api_url(offer.district, "offers")
    before = client.get(url)["ETag"]

    Offer.objects.filter(pk=offer.pk).update(
        title="Geändert", updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    response = client.get(url, headers={"if-none-match": before})

    assert response.status_code == 200
    assert response["ETag"] != before


def test_a_new_or_removed_offer_gives_a_new_etag(client, api_url, offer):
    url = api_url(offer.district, "offers")
    before = client.get(url)["ETag"]
    added = OfferFactory(district=offer.district)
    with_new = client.get(url)["ETag"]
    added.delete()

    assert with_new != before
    # The latest change is older again, but the count differs from the first answer's.
    assert client.get(url, headers={"if-none-match": with_new}).status_code == 200


def test_a_translation_saved_through_the_services_gives_a_new_etag(client, api_url, offer, users):
    url = api_url(offer.district, "offers")
    before = client.get(url, {"lang": "en"})["ETag"]

    services.translation_save(
        actor=users[Role.DISTRICT_COORDINATOR],
        offer=offer,
        language="en",
        title="Language café",
        summary="Speak German.",
    )
    response = client.get(url, {"lang": "en"}, headers={"if-none-match": before})

    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "Language café"


def test_a_new_day_gives_a_new_etag(client, api_url, offer, monkeypatch):
    url = api_url(offer.district, "offers")
    before = client.get(url)["ETag"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert client.get(url, headers={"if-none-match": before}).status_code == 200


def test_errors_are_not_cached_publicly(client, api_url, district):
    response = client.get(api_url(district, "offers"), {"page": "x"})

    assert response.status_code == 422
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")
