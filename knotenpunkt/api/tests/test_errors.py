"""Invalid requests: 422 or 404 in JSON with a message for people, and never a 500."""

import pytest

from knotenpunkt.offers.tests.factories import OfferFactory

ENGLISH = {"accept-language": "en"}


def _errors(response):
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    return {error["parameter"]: error for error in body["errors"]}


def test_malformed_parameters_answer_422_with_one_message_each(client, api_url, district):
    response = client.get(
        api_url(district, "offers"),
        {
            "category": "abc",
            "page": "0",
            "limit": "1000",
            "free": "maybe",
            "sort": "random",
            "lang": "xx",
            "language": "klingon",
        },
        headers=ENGLISH,
    )

    errors = _errors(response)
    assert set(errors) == {"category", "page", "limit", "free", "sort", "lang", "language"}
    assert errors["category"] == {
        "parameter": "category",
        "type": "int_parsing",
        "message": "Enter a whole number.",
    }
    assert errors["page"]["message"] == "Enter a number of at least 1."
    assert errors["limit"]["message"] == "Enter a number of at most 100."
    assert errors["free"]["message"] == "Enter true or false."
    assert errors["sort"]["message"] == "Choose one of: 'relevance', 'name' or 'newest'."


def test_messages_follow_the_language_of_the_client(client, api_url, district):
    german = client.get(api_url(district, "offers"), {"category": "abc"})

    assert _errors(german)["category"]["message"] == "Geben Sie eine ganze Zahl ein."


def test_ids_of_unknown_records_answer_422(client, api_url, district, other_district_setup):
    other_district, other_municipalities, _users = other_district_setup
    foreign = OfferFactory(district=other_district)

    response = client.get(
        api_url(district, "offers"),
        {
            "category": foreign.category_id,
            "municipality": other_municipalities[0].pk,
            "provider": foreign.provider_id,
        },
        headers=ENGLISH,
    )

    errors = _errors(response)
    # The first unknown id is reported; each names what is missing.
    assert len(errors) == 1
    (error,) = errors.values()
    assert error["type"] == "unknown"
    assert "in this district" in error["message"]


@pytest.mark.parametrize("number", ["0", "-1", "abc", "1.5", "9" * 30, "9" * 5000])
def test_an_impossible_offer_id_answers_422(client, api_url, district, number):
    response = client.get(api_url(district, "offers", number))

    assert "offer_id" in _errors(response)


def test_unknown_paths_under_api_answer_404_in_json(client, district):
    for path in ("/api/", "/api/v2/", f"/api/v1/{district.slug}/", f"/api/v1/{district.slug}/x"):
        response = client.get(path, headers=ENGLISH)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found."}


def test_writing_methods_are_not_allowed(client, api_url, offer):
    response = client.post(api_url(offer.district, "offers"), {"title": "Neu"})

    assert response.status_code == 405


NASTY_TEXTS = [
    "دورة لغة ألمانية",  # Arabic
    "Курс німецької",  # Ukrainian
    "😀🇩🇪👩‍👩‍👧",  # emoji, flags, joiners
    "'; DROP TABLE offers_offer; --",
    '" OR 1=1 --',
    "%' OR '1'='1",
    "a\x00b",  # NUL: PostgreSQL refuses it in text
    "\x00",
    "x" * 10_000,
    "ü" * 5_000,
    "<script>alert(1)</script>",
    "{{ 7*7 }} ${7*7}",
    "\\",
    "\t\n\r ",
    "\u202eRTL override",
    "\ufeff\u200b",
    "NOT AND OR ( ) * : ! & | < > - + ~ \" '",  # full-text query syntax
    "%",
    "_",
    "\ud7ff\ue000\uffff",
]
PARAMETERS = ["q", "category", "municipality", "provider", "language", "target_group", "free"]
PARAMETERS += ["sort", "lang", "page", "limit", "type", "topic"]
PATHS = ["offers", "organisations", "categories", "municipalities"]


@pytest.mark.parametrize("path", PATHS)
def test_no_input_produces_a_server_error(client, api_url, offer, path):
    """Every parameter of every list gets every nasty text: always 200, 404 or 422 in JSON."""
    url = api_url(offer.district, path)
    for text in NASTY_TEXTS:
        for parameter in PARAMETERS:
            response = client.get(url, {parameter: text})
            assert response.status_code in {200, 422}, (parameter, text, response.content[:300])
            assert response["Content-Type"].startswith("application/json")
        # The search text is searched, whatever it holds.
        assert client.get(url, {"q": text}).status_code == 200


@pytest.mark.parametrize("text", NASTY_TEXTS)
def test_no_path_produces_a_server_error(client, offer, text):
    from urllib.parse import quote

    for path in (
        f"/api/v1/{quote(text)}/offers",
        f"/api/v1/{offer.district.slug}/offers/{quote(text)}",
        f"/api/v1/{offer.district.slug}/{quote(text)}",
    ):
        response = client.get(path)
        assert response.status_code in {404, 422}, (path, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
