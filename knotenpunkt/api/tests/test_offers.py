"""The offers endpoints: what the public catalogue shows, filtered, paged and translated."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.offers.models import Cost, OfferState, OfferTime
from knotenpunkt.offers.tests.factories import (
    CategoryFactory,
    OfferFactory,
    OfferPlaceFactory,
    OfferTranslationFactory,
)


def _titles(response):
    assert response.status_code == 200, response.content
    return [entry["title"] for entry in response.json()["results"]]


def test_the_list_shows_a_public_offer_with_its_details(client, api_url, offer, municipalities):
    response = client.get(api_url(offer.district, "offers"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    assert body["next"] is None and body["previous"] is None
    entry = body["results"][0]
    assert entry["id"] == offer.pk
    assert entry["url"] == f"http://testserver{offer.get_absolute_url()}"
    assert entry["title"] == offer.title
    assert entry["summary"] == offer.summary
    assert entry["description"] == offer.description
    assert entry["provider"]["id"] == offer.provider_id
    assert entry["provider"]["url"].endswith(
        f"/{offer.district.slug}/verzeichnis/{offer.provider_id}/"
    )
    assert entry["category"] == {
        "id": offer.category_id,
        "slug": offer.category.slug,
        "name": offer.category.name,
    }
    assert entry["cost"]["code"] == "free"
    assert entry["places"][0]["municipality"] == {
        "id": municipalities[0].pk,
        "name": municipalities[0].name,
    }
    assert entry["places"][0]["latitude"] == pytest.approx(49.1)
    assert entry["language"] == "de" and entry["translation_status"] == "original"
    assert "review_note" not in entry and "state" not in entry and "search_text" not in entry


def test_places_come_in_the_order_they_were_entered_with_their_fields(
    client, api_url, offer, municipalities
):
    second = OfferPlaceFactory(
        offer=offer,
        municipality=municipalities[1],
        name='Raum \x1f 2, "Süd"',
        street="",
        latitude=None,
        longitude=None,
    )
    third = OfferPlaceFactory(offer=offer, municipality=municipalities[2], latitude="48.13743")

    places = client.get(api_url(offer.district, "offers")).json()["results"][0]["places"]

    assert [place["municipality"]["id"] for place in places] == [
        municipalities[0].pk,
        municipalities[1].pk,
        municipalities[2].pk,
    ]
    assert places[1]["name"] == second.name and places[1]["street"] == ""
    assert places[1]["latitude"] is None and places[1]["longitude"] is None
    assert places[2]["latitude"] == pytest.approx(48.13743)
    assert places[2]["city"] == third.city


def test_the_detail_shows_the_offer_with_its_times(client, api_url, offer):
    OfferTime.objects.create(
        district=offer.district,
        offer=offer,
        weekday=1,
        starts_at=datetime.time(15),
        ends_at=datetime.time(17),
    )

    response = client.get(api_url(offer.district, "offers", offer.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == offer.pk and body["title"] == offer.title
    assert body["times"] == [
        {
            "weekday": 1,
            "weekday_label": "Dienstag",
            "date": None,
            "starts_at": "15:00:00",
            "ends_at": "17:00:00",
        }
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"state": OfferState.DRAFT},
        {"state": OfferState.IN_REVIEW},
        {"state": OfferState.ARCHIVED},
        {"last_confirmed_at": datetime.date(2000, 1, 1)},
        {"last_confirmed_at": None},
        {"valid_until": datetime.date(2000, 1, 1), "valid_from": None},
    ],
    ids=["draft", "in-review", "archived", "stale", "never-confirmed", "ended"],
)
def test_offers_outside_the_public_catalogue_never_appear(client, api_url, district, changes):
    hidden = OfferFactory(district=district, title="Versteckt", **changes)
    OfferFactory(district=district, title="Sichtbar")

    listed = client.get(api_url(district, "offers"))
    detail = client.get(api_url(district, "offers", hidden.pk))

    assert _titles(listed) == ["Sichtbar"]
    assert detail.status_code == 404
    assert set(detail.json()) == {"detail"}


def test_a_pending_change_never_appears_and_the_published_text_stays(client, api_url, district):
    published = OfferFactory(district=district, title="Veröffentlicht")
    OfferFactory(
        district=district,
        title="Entwurf der Änderung",
        state=OfferState.IN_REVIEW,
        revision_of=published,
    )

    assert _titles(client.get(api_url(district, "offers"))) == ["Veröffentlicht"]


def test_another_districts_offers_never_appear(
    client, api_url, district, other_district, other_offer
):
    OfferFactory(district=district, title="Hier")

    listed = client.get(api_url(district, "offers"))
    detail = client.get(api_url(district, "offers", other_offer.pk))
    by_provider = client.get(api_url(district, "offers"), {"provider": other_offer.provider_id})

    assert _titles(listed) == ["Hier"]
    assert detail.status_code == 404
    assert by_provider.status_code == 422
    assert _titles(client.get(api_url(other_district, "offers"))) == [other_offer.title]


def test_an_unknown_or_inactive_district_answers_404_in_json(client, district):
    district.is_active = False
    district.save()

    for path in ("/api/v1/no-such-district/offers", f"/api/v1/{district.slug}/offers"):
        response = client.get(path, headers={"accept-language": "en"})
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


# --- Filters -------------------------------------------------------------------------------


def test_the_search_text_finds_offers(client, api_url, district):
    OfferFactory(district=district, title="Sprachcafé", summary="Deutsch sprechen.")
    OfferFactory(district=district, title="Fahrradwerkstatt", summary="Räder reparieren.")

    response = client.get(api_url(district, "offers"), {"q": "sprachcafé"})

    assert _titles(response) == ["Sprachcafé"]


def test_the_category_filter_includes_sub_categories(client, api_url, district):
    language = CategoryFactory(district=district, name="Sprache", slug="sprache")
    courses = CategoryFactory(district=district, name="Kurse", slug="kurse", parent=language)
    OfferFactory(district=district, title="A Kurs", category=courses)
    OfferFactory(district=district, title="B Café", category=language)
    OfferFactory(district=district, title="C Sport")

    assert _titles(client.get(api_url(district, "offers"), {"category": language.pk})) == [
        "A Kurs",
        "B Café",
    ]
    assert _titles(client.get(api_url(district, "offers"), {"category": courses.pk})) == ["A Kurs"]


def test_the_municipality_filter_includes_online_and_district_wide_offers(
    client, api_url, district, municipalities
):
    here = OfferFactory(district=district, title="A vor Ort")
    OfferPlaceFactory(offer=here, municipality=municipalities[0])
    OfferPlaceFactory(offer=here, municipality=municipalities[0], name="Zweiter Raum")
    elsewhere = OfferFactory(district=district, title="B anderswo")
    OfferPlaceFactory(offer=elsewhere, municipality=municipalities[1])
    OfferFactory(district=district, title="C online", is_online=True)
    OfferFactory(district=district, title="D kreisweit", serves_whole_district=True)

    response = client.get(api_url(district, "offers"), {"municipality": municipalities[0].pk})

    assert _titles(response) == ["A vor Ort", "C online", "D kreisweit"]
    assert response.json()["count"] == 3


def test_the_provider_language_target_group_and_cost_filters(
    client, api_url, district, reference_lists
):
    caritas = OrganisationFactory(district=district, name="Caritas")
    mixed = OfferFactory(district=district, title="Alles", provider=caritas, cost=Cost.FREE)
    mixed.languages.add("ar")
    mixed.target_groups.add("women")
    OfferFactory(district=district, title="Kostet", provider=caritas, cost=Cost.FEE)
    OfferFactory(district=district, title="Andere")
    url = api_url(district, "offers")

    assert _titles(client.get(url, {"provider": caritas.pk})) == ["Alles", "Kostet"]
    assert _titles(client.get(url, {"language": "ar"})) == ["Alles"]
    assert _titles(client.get(url, {"target_group": "women"})) == ["Alles"]
    assert _titles(client.get(url, {"free": "true", "provider": caritas.pk})) == ["Alles"]
    entry = client.get(url, {"language": "ar", "lang": "en"}).json()["results"][0]
    assert entry["languages"] == [{"code": "ar", "label": "Arabic"}]
    assert entry["target_groups"] == [{"code": "women", "label": "Women"}]


def test_a_provider_outside_the_public_directory_is_named_without_a_link(client, api_url, district):
    hidden = OrganisationFactory(district=district, name="Intern", is_public=False)
    OfferFactory(district=district, provider=hidden)

    entry = client.get(api_url(district, "offers"), {"provider": hidden.pk}).json()["results"][0]

    assert entry["provider"] == {"id": hidden.pk, "name": "Intern", "url": None}


def test_sorting_by_newest(client, api_url, district):
    now = timezone.now()
    OfferFactory(district=district, title="Alt", published_at=now - datetime.timedelta(days=9))
    OfferFactory(district=district, title="Neu", published_at=now)

    assert _titles(client.get(api_url(district, "offers"), {"sort": "newest"})) == ["Neu", "Alt"]
    assert _titles(client.get(api_url(district, "offers"), {"sort": "name"})) == ["Alt", "Neu"]


@pytest.mark.parametrize(
    "parameter", ["category", "municipality", "language", "free", "page", "lang", "sort"]
)
def test_an_empty_parameter_answers_422_as_the_schema_says(client, api_url, offer, parameter):
    """The schema declares ids, codes, numbers and flags; an empty text is none of them."""
    response = client.get(api_url(offer.district, "offers"), {parameter: ""})

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_an_empty_search_text_searches_nothing(client, api_url, offer):
    assert _titles(client.get(api_url(offer.district, "offers"), {"q": ""})) == [offer.title]


# --- Languages -----------------------------------------------------------------------------


def test_lang_gives_translated_texts_and_says_how_current_they_are(client, api_url, district):
    translated = OfferFactory(district=district, title="A übersetzt")
    OfferTranslationFactory(offer=translated, language="en", title="A translated")
    outdated = OfferFactory(district=district, title="B veraltet")
    OfferTranslationFactory(offer=outdated, language="en", title="B old", source_hash="old")
    OfferFactory(district=district, title="C ohne")

    results = client.get(api_url(district, "offers"), {"lang": "en"}).json()["results"]

    assert [(r["title"], r["language"], r["translation_status"]) for r in results] == [
        ("A translated", "en", "current"),
        ("B veraltet", "de", "outdated"),
        ("C ohne", "de", "missing"),
    ]
    assert results[0]["summary"] == "An offer for newcomers."
    assert results[0]["cost"]["label"] == "Free of charge"
    assert results[0]["category"]["name"] == translated.category.translations["en"]


def test_lang_applies_to_the_detail_too(client, api_url, offer):
    OfferTranslationFactory(offer=offer, language="ar", title="عرض")

    body = client.get(api_url(offer.district, "offers", offer.pk), {"lang": "ar"}).json()

    assert body["title"] == "عرض" and body["translation_status"] == "current"


# --- Pagination and performance ------------------------------------------------------------


def test_pages_have_a_total_count_and_links_to_their_neighbours(client, api_url, district):
    for number in range(5):
        OfferFactory(district=district, title=f"Angebot {number}")
    url = api_url(district, "offers")

    first = client.get(url, {"limit": 2, "q": "angebot"}).json()
    middle = client.get(url, {"limit": 2, "page": 2, "q": "angebot"}).json()
    last = client.get(url, {"limit": 2, "page": 3, "q": "angebot"}).json()

    assert (first["count"], first["pages"], first["limit"]) == (5, 3, 2)
    assert [entry["title"] for entry in first["results"]] == ["Angebot 0", "Angebot 1"]
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{url}?limit=2&q=angebot&page=2"
    assert [entry["title"] for entry in middle["results"]] == ["Angebot 2", "Angebot 3"]
    assert "page=1" in middle["previous"] and "page=3" in middle["next"]
    assert [entry["title"] for entry in last["results"]] == ["Angebot 4"]
    assert last["next"] is None
    assert client.get(first["next"]).json()["results"] == middle["results"]


def test_a_page_after_the_last_answers_422_but_an_empty_first_page_200(client, api_url, district):
    empty = client.get(api_url(district, "offers"))
    beyond = client.get(api_url(district, "offers"), {"page": 2}, headers={"accept-language": "en"})

    assert empty.status_code == 200 and empty.json()["results"] == []
    assert beyond.status_code == 422
    assert beyond.json()["errors"] == [
        {
            "parameter": "page",
            "type": "page_out_of_range",
            "message": "This page does not exist; the last page is 1.",
        }
    ]


def test_at_most_100_offers_per_page(client, api_url, district):
    response = client.get(api_url(district, "offers"), {"limit": 101})

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "limit"


def _offers_with_everything(district, municipality, number):
    for index in range(number):
        offer = OfferFactory(district=district, title=f"Angebot {index:03}")
        OfferPlaceFactory(offer=offer, municipality=municipality)
        OfferTranslationFactory(offer=offer)
        offer.languages.add("de", "ar")
        offer.target_groups.add("women")


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_offers(
    client, api_url, district, municipalities, reference_lists
):
    url = api_url(district, "offers")
    params = {"limit": 100, "lang": "en", "municipality": municipalities[0].pk}
    _offers_with_everything(district, municipalities[0], 10)
    # The first search after a change builds the catalogue's index; the next reuse it.
    with_ten = _queries(client, url, params), _queries(client, url, params)
    _offers_with_everything(district, municipalities[0], 90)

    with_hundred = _queries(client, url, params), _queries(client, url, params)

    assert client.get(url, params).json()["count"] == 100
    assert with_hundred == with_ten
    # The district, the municipality, the catalogue version, the page and its prefetches.
    assert with_hundred[1] <= 8


def test_head_answers_like_get_without_a_body(client, api_url, offer):
    get = client.get(api_url(offer.district, "offers"))
    head = client.head(api_url(offer.district, "offers"))

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
