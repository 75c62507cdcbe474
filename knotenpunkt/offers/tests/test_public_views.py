"""The public offers pages: search as a list and on a map, the offer page, its print version.

How the search matches words (stems, typing errors, compounds): test_search.py.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from knotenpunkt.directory.models import LanguageCode, SpokenLanguage
from knotenpunkt.offers.models import Cost, OfferState, OfferTime, TargetGroup, TargetGroupCode

from .factories import OfferFactory, OfferPlaceFactory, OfferTranslationFactory


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """The migrations' reference rows (live-server tests elsewhere may have flushed them)."""
    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)


def _url(name, district, **kwargs):
    return reverse(f"offers:{name}", kwargs={"district_slug": district.slug, **kwargs})


@pytest.fixture
def make_offer(district, provider, categories):
    def make(title, **kwargs):
        kwargs.setdefault("category", categories[9])
        return OfferFactory(district=district, provider=provider, title=title, **kwargs)

    return make


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


# --- Search ------------------------------------------------------------------------------


def test_the_catalogue_lists_the_public_offers(client, district, make_offer):
    make_offer("Sprachcafé")
    make_offer("Deutschkurs für Frauen")

    response = client.get(_url("catalogue", district))

    html = _html(response)
    assert "Sprachcafé" in html and "Deutschkurs für Frauen" in html
    assert response.context["page"].paginator.count == 2


def test_a_visitor_finds_an_offer_by_a_misspelt_word(client, district, make_offer):
    make_offer("Deutschkurs für Frauen")
    make_offer("Fahrradwerkstatt")
    url = _url("catalogue", district)

    for query in ("Deutschkurse", "Deutschkurz", "deutsch kurs"):
        html = _html(client.get(url, {"query": query}))
        assert "Deutschkurs für Frauen" in html, query
        assert "Fahrradwerkstatt" not in html, query


def test_only_published_confirmed_and_current_offers_are_shown(
    client, district, make_offer, categories
):
    today = timezone.localdate()
    make_offer("Öffentlich")
    make_offer("Entwurf", state=OfferState.DRAFT)
    make_offer("In Prüfung", state=OfferState.IN_REVIEW)
    make_offer("Archiviert", state=OfferState.ARCHIVED)
    make_offer("Lange nicht bestätigt", last_confirmed_at=today - datetime.timedelta(days=800))
    make_offer("Schon vorbei", valid_until=today - datetime.timedelta(days=1))
    hidden = ["Entwurf", "In Prüfung", "Archiviert", "Lange nicht bestätigt", "Schon vorbei"]

    html = _html(client.get(_url("catalogue", district)))
    searched = client.get(_url("catalogue", district), {"query": "Entwurf"})
    mapped = _html(client.get(_url("map", district)))

    assert "Öffentlich" in html
    for title in hidden:
        assert title not in html and title not in mapped
    assert searched.context["page"].paginator.count == 0


def test_a_pending_change_is_not_shown_but_the_published_text_is(
    client, district, users, make_offer
):
    from knotenpunkt.core.roles import Role
    from knotenpunkt.offers import services

    offer = make_offer("Sprachcafé")
    services.offer_update(
        actor=users[Role.PARTNER_EDITOR], offer=offer, values={"title": "Sprachcafé NEU"}
    )

    html = _html(client.get(_url("catalogue", district), {"query": "Sprachcafé"}))

    assert "Sprachcafé" in html and "Sprachcafé NEU" not in html
    assert _url("offer", district, pk=offer.pk) in html


def test_offers_of_another_district_are_never_shown(
    client, district, other_district, make_offer, other_offer
):
    make_offer("Hier")
    other_offer.title = "Fremdes Angebot"
    other_offer.save()

    html = _html(client.get(_url("catalogue", district), {"query": "Fremdes"}))
    listed = _html(client.get(_url("catalogue", district)))
    foreign_page = client.get(_url("offer", district, pk=other_offer.pk))

    assert "Fremdes Angebot" not in html and "Fremdes Angebot" not in listed
    assert foreign_page.status_code == 404


def test_filters_narrow_the_results(client, district, make_offer, categories, municipalities):
    here, there = municipalities[0], municipalities[1]
    course = make_offer("Deutschkurs", category=categories[0], cost=Cost.FREE)
    course.languages.add("ar")
    course.target_groups.add("women")
    OfferPlaceFactory(offer=course, municipality=here)
    advice = make_offer("Beratung", category=categories[3], cost=Cost.FEE)
    OfferPlaceFactory(offer=advice, municipality=there)
    make_offer("Online-Treff", category=categories[7], is_online=True)
    url = _url("catalogue", district)

    def found(params):
        return [card.title for card in client.get(url, params).context["page"].object_list]

    assert found({"category": categories[0].pk}) == ["Deutschkurs"]
    assert found({"municipality": here.pk}) == ["Deutschkurs", "Online-Treff"]
    assert found({"language": "ar"}) == ["Deutschkurs"]
    assert found({"target_group": "women"}) == ["Deutschkurs"]
    assert sorted(found({"free": "on"})) == ["Deutschkurs", "Online-Treff"]
    assert found({"free": "on", "municipality": there.pk}) == ["Online-Treff"]


def test_each_option_shows_how_many_offers_it_would_show(
    client, district, make_offer, categories, municipalities
):
    for title in ("Deutschkurs A", "Deutschkurs B"):
        offer = make_offer(title, category=categories[0])
        offer.languages.add("ar")
    make_offer("Beratung", category=categories[3], cost=Cost.FEE)

    response = client.get(_url("catalogue", district), {"language": "ar"})

    html = _html(response)
    form = response.context["form"]
    with translation.override("de"):
        language_label = f"{categories[0].name} (2)"
        counselling_label = f"{categories[3].name} (0)"
    assert language_label in html, "the category counts apply the language filter"
    assert counselling_label in html
    assert "Arabisch (2)" in html
    assert "Deutsch (0)" in html
    assert form.facets.total == 2
    assert form["free"].label.endswith("(2)")


def test_results_can_be_sorted_by_name_and_newest(client, district, make_offer):
    now = timezone.now()
    make_offer("Beratung", published_at=now - datetime.timedelta(days=3))
    make_offer("Anmeldung", published_at=now - datetime.timedelta(days=1))
    make_offer("Chor", published_at=now - datetime.timedelta(days=2))
    url = _url("catalogue", district)

    def order(sort):
        response = client.get(url, {"sort": sort})
        return [card.title for card in response.context["page"].object_list]

    assert order("name") == ["Anmeldung", "Beratung", "Chor"]
    assert order("newest") == ["Anmeldung", "Chor", "Beratung"]


def test_the_provider_filter_shows_the_offers_of_one_organisation(
    client, district, make_offer, provider
):
    from knotenpunkt.directory.tests.factories import OrganisationFactory

    make_offer("Eigenes Angebot")
    stranger = OrganisationFactory(district=district, name="Andere Organisation")
    OfferFactory(district=district, provider=stranger, title="Fremdes Angebot")

    html = _html(client.get(_url("catalogue", district), {"provider": provider.pk}))

    assert "Eigenes Angebot" in html and "Fremdes Angebot" not in html
    assert provider.name in html


def test_the_organisation_page_links_to_its_offers(client, district, provider):
    html = _html(client.get(provider.get_absolute_url()))

    assert f"{_url('catalogue', district)}?provider={provider.pk}" in html


@pytest.mark.parametrize(
    "query",
    [
        "مساعدة",
        "Hilfe 🤝",
        "' OR 1=1 --",
        '"Deutsch',
        "Deutsch AND Frauen",
        "NEAR(Deutsch",
        "Deutsch*",
        "*",
        "%",
        "\\",
        "<script>alert(1)</script>",
        "Straße",
    ],
)
def test_any_characters_in_the_search_work(client, district, make_offer, query):
    make_offer("Deutschkurs für Frauen")

    list_response = client.get(_url("catalogue", district), {"query": query})
    map_response = client.get(_url("map", district), {"query": query})

    assert list_response.status_code == 200 and map_response.status_code == 200
    assert "<script>alert(1)</script>" not in list_response.content.decode()


def test_htmx_requests_get_the_results_and_fresh_counts(client, district, make_offer):
    make_offer("Sprachcafé")

    response = client.get(_url("catalogue", district), {"query": "sprach"}, HTTP_HX_REQUEST="true")
    page = client.get(_url("catalogue", district), {"query": "sprach"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="offer-results"')
    assert 'id="offer-facets" class="kp-offer-facets" data-hx-swap-oob="true"' in html
    assert "Sprachcafé" in html and "<html" not in html
    assert "HX-Request" in response["Vary"] and "HX-Request" in page["Vary"]
    assert 'data-hx-swap-oob="true"' not in page.content.decode()


def test_long_result_lists_are_split_into_pages(client, district, make_offer):
    for number in range(25):
        make_offer(f"Angebot {number:02}")
    url = _url("catalogue", district)

    first = client.get(url)
    second = client.get(url, {"page": 2})
    nonsense = client.get(url, {"page": "abc"})

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert nonsense.status_code == 200


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["catalogue", "map"])
def test_the_search_needs_the_same_number_of_queries_for_10_and_100_offers(
    client, district, provider, categories, municipalities, name
):
    def add(count):
        for number in range(count):
            offer = OfferFactory(
                district=district,
                provider=provider,
                category=categories[0],
                title=f"Deutschkurs {number}",
            )
            offer.languages.add("de", "ar")
            offer.target_groups.add("women")
            OfferPlaceFactory(offer=offer, municipality=municipalities[0])
            OfferTranslationFactory(offer=offer, language="ar", title=f"دورة {number}")

    url = _url(name, district)
    params = {"query": "Deutschkurz", "municipality": municipalities[0].pk, "language": "de"}
    add(10)
    # The first search after a change builds the catalogue's index; the next reuse it.
    with_10 = _count_queries(client, url, params), _count_queries(client, url, params)
    add(90)
    with_100 = _count_queries(client, url, params), _count_queries(client, url, params)
    client.cookies["django_language"] = "ar"
    in_arabic = _count_queries(client, url, params)

    assert with_10 == with_100
    # Another language reads the translations of the page's offers: one query more.
    assert in_arabic == with_100[1] + 1


def test_a_card_shows_what_changed_since_it_was_last_shown(
    client, district, provider, make_offer, municipalities
):
    """Cards are rendered once and reused; a renamed provider or a new place is a new card."""
    from knotenpunkt.directory.models import Organisation

    offer = make_offer("Sprachcafé", cost=Cost.FREE)
    url = _url("catalogue", district)
    assert "Caritas am See" not in _html(client.get(url))

    Organisation.objects.filter(pk=provider.pk).update(name="Caritas am See")
    OfferPlaceFactory(offer=offer, municipality=municipalities[1])

    html = _html(client.get(url))
    assert "Caritas am See" in html
    assert municipalities[1].name in html


def test_a_card_is_rendered_in_the_visitors_language(client, district, make_offer):
    make_offer("Sprachcafé", cost=Cost.FREE)
    url = _url("catalogue", district)

    german = _html(client.get(url))
    client.cookies["django_language"] = "en"
    english = _html(client.get(url))

    with translation.override("de"):
        in_german = str(Cost.FREE.label)
    with translation.override("en"):
        in_english = str(Cost.FREE.label)
    assert in_german != in_english
    assert in_german in german and in_german not in english
    assert in_english in english and in_english not in german


# --- Map ---------------------------------------------------------------------------------


def test_the_map_gets_a_marker_per_place_with_coordinates(
    client, district, make_offer, municipalities
):
    offer = make_offer("Sprachcafé")
    OfferPlaceFactory(
        offer=offer,
        municipality=municipalities[0],
        name="Bürgerhaus",
        latitude=49.1,
        longitude=10.2,
    )
    for municipality in municipalities[1:3]:
        municipality.latitude = municipality.longitude = None
        municipality.save(update_fields=["latitude", "longitude"])
    OfferPlaceFactory(offer=offer, municipality=municipalities[1], latitude=None, longitude=None)
    make_offer("Ohne Ort")

    response = client.get(_url("map", district))

    html = _html(response)
    data = html.split('<script id="offer-map-data" type="application/json">')[1]
    markers = json.loads(data.split("</script>")[0])
    assert markers == [
        {
            "lat": 49.1,
            "lon": 10.2,
            "title": "Sprachcafé",
            "place": "Bürgerhaus, Teststadt",
            "url": _url("offer", district, pk=offer.pk),
        }
    ]
    assert "Ohne Ort" in html, "the list below the map names every offer"
    assert "vendor/leaflet/leaflet.js" in html and "offers/map.js" in html


def test_a_place_without_coordinates_stands_at_its_municipality(
    client, district, make_offer, municipalities
):
    here = municipalities[0]
    here.latitude, here.longitude = 48.27993, 8.19404
    here.save(update_fields=["latitude", "longitude"])
    offer = make_offer("Nähtreff")
    OfferPlaceFactory(
        offer=offer, municipality=here, name="Bürgerhaus", latitude=None, longitude=None
    )

    html = _html(client.get(_url("map", district)))

    data = html.split('<script id="offer-map-data" type="application/json">')[1]
    markers = json.loads(data.split("</script>")[0])
    assert [(marker["lat"], marker["lon"], marker["title"]) for marker in markers] == [
        (48.27993, 8.19404, "Nähtreff")
    ]


def test_marker_titles_cannot_inject_markup(client, district, make_offer, municipalities):
    offer = make_offer("</script><script>alert(1)</script>")
    OfferPlaceFactory(offer=offer, municipality=municipalities[0])

    html = _html(client.get(_url("map", district)))

    assert "<script>alert(1)</script>" not in html


def test_the_list_and_the_map_link_to_each_other_with_the_same_search(client, district):
    html = _html(client.get(_url("catalogue", district), {"query": "kurs", "free": "on"}))

    assert f'href="{_url("map", district)}?q=kurs&amp;free=on"' in html


def test_the_tile_server_is_allowed_by_the_content_security_policy(client, district, settings):
    response = client.get(_url("map", district))

    assert "https://tile.openstreetmap.org" in response["Content-Security-Policy"]


# --- Offer page --------------------------------------------------------------------------


@pytest.fixture
def detailed_offer(district, make_offer, municipalities):
    offer = make_offer(
        "Deutschkurs für Frauen",
        summary="Deutsch lernen mit Kinderbetreuung.",
        description="<p>Jeden <strong>Dienstag</strong>.</p>",
        cost=Cost.FEE,
        cost_note="10 Euro im Monat",
        registration_required=True,
        registration_note="Anmeldung per Telefon",
        schedule_note="Nicht in den Schulferien",
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2099, 7, 31),
        accessibility="Rollstuhlgerechter Eingang",
        contact_name="Amal Haddad",
        contact_phone="07951 403-12",
        contact_email="kurs@example.org",
        website="https://example.org/kurs",
    )
    offer.languages.add("de", "ar")
    offer.target_groups.add("women")
    OfferPlaceFactory(
        offer=offer, municipality=municipalities[0], name="Bürgerhaus", street="Marktplatz 1"
    )
    OfferTime.objects.create(
        district=district, offer=offer, weekday=1, starts_at=datetime.time(9), ends_at=None
    )
    return offer


def test_the_offer_page_shows_everything_a_visitor_needs(client, district, detailed_offer):
    html = _html(client.get(_url("offer", district, pk=detailed_offer.pk)))

    for text in (
        "Deutschkurs für Frauen",
        "Deutsch lernen mit Kinderbetreuung.",
        "<p>Jeden <strong>Dienstag</strong>.</p>",
        "10 Euro im Monat",
        "Anmeldung per Telefon",
        "Nicht in den Schulferien",
        "Rollstuhlgerechter Eingang",
        "Amal Haddad",
        "kurs@example.org",
        "https://example.org/kurs",
        "Bürgerhaus",
        "Marktplatz 1",
        detailed_offer.places.get().municipality.name,
        "Arabisch",
        "Frauen",
        "Dienstag",
        "09:00",
        "31. Juli 2099",
        detailed_offer.provider.name,
        _url("offer_print", district, pk=detailed_offer.pk),
        f"http://testserver{_url('offer', district, pk=detailed_offer.pk)}",
    ):
        assert text in html, text
    assert detailed_offer.provider.get_absolute_url() in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Mittwoch, 13. Januar 2027"), ("en", "Wednesday, "), ("ar", "الأربعاء")],
)
def test_an_offer_on_a_single_date_shows_the_weekday_and_the_date(
    client, district, detailed_offer, language, expected
):
    """A dated time once answered 500: "l, DATE_FORMAT" read the format's name as specifiers."""
    OfferTime.objects.create(
        district=district,
        offer=detailed_offer,
        date=datetime.date(2027, 1, 13),
        starts_at=datetime.time(15),
        ends_at=datetime.time(17),
    )
    client.cookies["django_language"] = language

    for name in ("offer", "offer_print"):
        response = client.get(_url(name, district, pk=detailed_offer.pk))
        assert response.status_code == 200
        assert expected in _html(response)


def test_the_print_version_has_the_offer_but_no_navigation(client, district, detailed_offer):
    html = _html(client.get(_url("offer_print", district, pk=detailed_offer.pk)))

    assert "Deutschkurs für Frauen" in html and "Amal Haddad" in html
    assert "offers/print.css" in html
    assert "kp-nav" not in html and "kp-header" not in html


@pytest.mark.parametrize("state", [OfferState.DRAFT, OfferState.IN_REVIEW, OfferState.ARCHIVED])
def test_an_offer_that_is_not_public_answers_404(client, district, make_offer, state):
    offer = make_offer("Nicht öffentlich", state=state)

    assert client.get(_url("offer", district, pk=offer.pk)).status_code == 404
    assert client.get(_url("offer_print", district, pk=offer.pk)).status_code == 404


def test_a_stale_or_ended_offer_answers_404(client, district, make_offer):
    today = timezone.localdate()
    stale = make_offer("Alt", last_confirmed_at=today - datetime.timedelta(days=800))
    ended = make_offer("Vorbei", valid_until=today - datetime.timedelta(days=1))

    assert client.get(_url("offer", district, pk=stale.pk)).status_code == 404
    assert client.get(_url("offer", district, pk=ended.pk)).status_code == 404


def test_the_visitors_language_is_shown_when_a_current_translation_exists(
    client, district, detailed_offer
):
    OfferTranslationFactory(
        offer=detailed_offer,
        language="ar",
        title="دورة اللغة الألمانية للنساء",
        summary="تعلم الألمانية",
        description="<p>كل ثلاثاء</p>",
    )
    client.cookies["django_language"] = "ar"

    html = _html(client.get(_url("offer", district, pk=detailed_offer.pk)))
    listed = _html(client.get(_url("catalogue", district)))

    assert "دورة اللغة الألمانية للنساء" in html and "<p>كل ثلاثاء</p>" in html
    assert "Deutsch lernen mit Kinderbetreuung." not in html
    assert 'lang="de" dir="ltr"' not in html.split("<main")[1].split("kp-offer-details")[0]
    assert "دورة اللغة الألمانية للنساء" in listed


def test_the_german_text_stands_in_for_an_outdated_translation_with_a_note(
    client, district, detailed_offer
):
    OfferTranslationFactory(
        offer=detailed_offer, language="ar", title="قديم", source_hash="outdated"
    )
    client.cookies["django_language"] = "ar"

    html = _html(client.get(_url("offer", district, pk=detailed_offer.pk)))
    listed = _html(client.get(_url("catalogue", district)))

    with translation.override("ar"):
        note = translation.gettext(
            "The translation of this offer is being updated; here is the current German text."
        )
        missing_note = translation.gettext(
            "This offer is not yet available in your language; here is the German text."
        )
    assert note in html and missing_note not in html
    assert '<div class="kp-offer-text" lang="de" dir="ltr">' in html
    assert "Deutschkurs für Frauen" in html and "قديم" not in html
    assert 'lang="de" dir="ltr">Deutschkurs für Frauen</a>' in listed


def test_the_print_view_says_when_a_translation_is_outdated(client, district, detailed_offer):
    OfferTranslationFactory(
        offer=detailed_offer, language="en", title="Old", source_hash="outdated"
    )
    client.cookies["django_language"] = "en"

    html = _html(client.get(_url("offer_print", district, pk=detailed_offer.pk)))

    assert "The translation of this offer is being updated" in html
    assert "Deutschkurs für Frauen" in html and "Old" not in html


def test_german_visitors_see_no_note(client, district, detailed_offer):
    html = _html(client.get(_url("offer", district, pk=detailed_offer.pk)))

    assert "German text" not in html and "deutsche Text" not in html
    assert 'class="kp-offer-text" lang="de"' not in html


def test_the_offer_page_needs_the_same_number_of_queries_with_more_details(
    client, district, detailed_offer, municipalities
):
    url = _url("offer", district, pk=detailed_offer.pk)
    few = _count_queries(client, url)
    for municipality in municipalities:
        OfferPlaceFactory(offer=detailed_offer, municipality=municipality)
    OfferTime.objects.create(
        district=district, offer=detailed_offer, weekday=3, starts_at=datetime.time(15)
    )
    detailed_offer.languages.add("uk", "fa")

    assert _count_queries(client, url) == few


def test_the_catalogue_points_to_the_feed_the_embed_code_and_the_api(client, district):
    html = _html(client.get(_url("catalogue", district)))

    feed = _url("feed", district)
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    assert f'href="{_url("embed_snippet", district)}"' in html
    assert f'href="{reverse("api-v1:openapi-view")}"' in html


def test_the_catalogue_links_the_coverage_only_where_the_district_made_it_public(client, district):
    coverage = f'href="{_url("coverage_public", district)}"'
    district.offer_coverage_public = False
    district.save(update_fields=["offer_coverage_public"])
    assert coverage not in _html(client.get(_url("catalogue", district)))

    district.offer_coverage_public = True
    district.save(update_fields=["offer_coverage_public"])
    assert coverage in _html(client.get(_url("catalogue", district)))
