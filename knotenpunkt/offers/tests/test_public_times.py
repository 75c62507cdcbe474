"""The times of an offer on its public page: weekly and dated, in German and Arabic."""

import datetime
import re

import pytest
from django.urls import reverse

from knotenpunkt.offers.models import OfferTime


@pytest.fixture
def timed_offer(offer, district):
    OfferTime.objects.create(
        district=district, offer=offer, weekday=2, starts_at=datetime.time(15), ends_at=None
    )
    OfferTime.objects.create(
        district=district,
        offer=offer,
        date=datetime.date(2026, 12, 9),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    return offer


def _times(client, district, offer, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("offers:offer", args=[district.slug, offer.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r"<li>([^<]*)<span dir=\"ltr\">", html)


def test_an_offer_with_a_dated_time_shows_its_page_with_weekday_and_date(
    client, district, timed_offer
):
    times = _times(client, district, timed_offer, "de")

    assert "Mittwoch, 9. Dezember 2026, " in times


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_times_in_arabic_and_persian_use_the_arabic_comma(client, district, timed_offer, language):
    times = _times(client, district, timed_offer, language)

    assert len(times) == 2
    for day in times:
        assert "," not in day
        assert day.endswith("، ")
