"""The public offers catalogue in a real browser: accessible in German and Arabic, usable
without JavaScript, and the map works (or steps aside) without access to the tile server."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from knotenpunkt.offers.models import Cost

from .axe import axe_violations, format_violations

# The tests have no internet; the routes make the tile server fail at once, as it would
# for a visitor whose network blocks it.
TILES = re.compile(r"^https://tile\.openstreetmap\.org/")


@pytest.fixture
def catalogue(district, provider, categories, municipalities):
    """A few public offers: places with coordinates, a translation, one online."""
    from knotenpunkt.directory.models import SpokenLanguage
    from knotenpunkt.offers import search
    from knotenpunkt.offers.models import TargetGroup
    from knotenpunkt.offers.tests.factories import (
        OfferFactory,
        OfferPlaceFactory,
        OfferTranslationFactory,
    )

    # Live-server tests empty the tables afterwards, the reference rows of the migrations too.
    for code in ("de", "ar", "uk"):
        SpokenLanguage.objects.get_or_create(code=code)
    TargetGroup.objects.get_or_create(code="women")
    course = OfferFactory(
        district=district,
        provider=provider,
        category=categories[0],
        title="Deutschkurs für Frauen",
        summary="Deutsch lernen mit Kinderbetreuung.",
        contact_phone="07951 403-12",
    )
    course.languages.add("de", "ar")
    course.target_groups.add("women")
    OfferPlaceFactory(offer=course, municipality=municipalities[0], latitude=49.14, longitude=10.07)
    OfferTranslationFactory(
        offer=course, language="ar", title="دورة ألمانية للنساء", summary="تعلم الألمانية."
    )
    cafe = OfferFactory(
        district=district, provider=provider, category=categories[7], title="Sprachcafé"
    )
    cafe.languages.add("uk")
    OfferPlaceFactory(offer=cafe, municipality=municipalities[1], latitude=49.2, longitude=10.2)
    OfferFactory(
        district=district,
        provider=provider,
        category=categories[3],
        title="Beratung per Video",
        is_online=True,
        cost=Cost.FEE,
    )
    search.refresh(course)
    return {"course": course, "cafe": cafe}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_offer_pages_have_no_accessibility_violations(new_page, district, catalogue, language):
    page = new_page(language=language)
    page.route(TILES, lambda route: route.abort())
    course = catalogue["course"].pk
    paths = {
        "catalogue": f"/{district.slug}/angebote/",
        "catalogue searched": f"/{district.slug}/angebote/?query=Deutschkurz&language=de&free=on",
        "catalogue invalid": f"/{district.slug}/angebote/?query={'x' * 201}",
        "map": f"/{district.slug}/angebote/karte/",
        "offer": f"/{district.slug}/angebote/{course}/",
        "offer in German only": f"/{district.slug}/angebote/{catalogue['cafe'].pk}/",
        "print version": f"/{district.slug}/angebote/{course}/drucken/",
    }
    reports = []
    for name, path in paths.items():
        response = page.goto(path)
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == language, name
        if name == "map":
            expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
        violations = axe_violations(page)
        if violations:
            reports.append(f"[{name}] " + format_violations(page.url, violations))
    assert not reports, "\n\n".join(reports)


def test_arabic_pages_run_right_to_left_with_german_text_marked(new_page, district, catalogue):
    page = new_page(language="ar")

    page.goto(f"/{district.slug}/angebote/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("#offer-results")).to_contain_text("دورة ألمانية للنساء")
    german = page.locator("#offer-results a[lang=de]", has_text="Sprachcafé")
    expect(german).to_have_attribute("dir", "ltr")

    page.goto(f"/{district.slug}/angebote/{catalogue['cafe'].pk}/")
    expect(page.locator(".kp-offer-text")).to_have_attribute("lang", "de")
    expect(page.locator(".kp-offer-text")).to_have_attribute("dir", "ltr")


def test_the_search_works_without_javascript(new_page, district, municipalities, catalogue):
    page = new_page(javascript=False)
    page.goto(f"/{district.slug}/angebote/")

    page.locator("#id_q").fill("Deutschkurz")
    page.locator("form.kp-filter button[type=submit]").click()

    results = page.locator("#offer-results")
    expect(results).to_contain_text("Deutschkurs für Frauen")
    expect(results).not_to_contain_text("Sprachcafé")
    assert "q=Deutschkurz" in page.url

    elsewhere = page.locator(f"#id_municipality option[value='{municipalities[2].pk}']")
    expect(elsewhere).to_have_text(f"{municipalities[2].name} (0)")
    page.locator("#id_municipality").select_option(str(municipalities[2].pk))
    page.locator("form.kp-filter button[type=submit]").click()
    expect(results).to_contain_text("0")
    expect(results).not_to_contain_text("Deutschkurs für Frauen")

    page.goto(f"/{district.slug}/angebote/karte/")
    expect(page.locator(".kp-offer-map__fallback")).to_be_visible()
    expect(page.locator("#offer-results")).to_contain_text("Sprachcafé")


def test_filters_update_results_and_counts_in_place_with_htmx(page, district, catalogue):
    page.goto(f"/{district.slug}/angebote/")
    page.evaluate("window.kpMarker = 'same page'")

    page.locator("#id_language").focus()
    page.locator("#id_language").select_option("uk")

    results = page.locator("#offer-results")
    expect(results).not_to_contain_text("Deutschkurs für Frauen")
    expect(results).to_contain_text("Sprachcafé")
    # The other filters now count within the offers in Ukrainian.
    expect(page.locator("#id_free")).to_be_attached()
    expect(page.locator("label[for=id_free]")).to_contain_text("(1)")
    expect(page.locator("#id_language")).to_be_focused()
    assert page.evaluate("window.kpMarker") == "same page", "htmx swapped, no full page load"
    assert "language=uk" in page.url

    page.locator("#id_q").fill("Deutschkurz")
    expect(results).to_contain_text("0")
    page.locator("#id_language").select_option("")
    expect(results).to_contain_text("Deutschkurs für Frauen")


def test_a_filter_chosen_while_the_results_load_is_kept(
    page, district, categories, municipalities, catalogue
):
    """The answer to the first filter (with its facets) must not undo the second one."""
    held = []

    def hold_the_first_answer(route):
        if route.request.headers.get("hx-request") and not held:
            held.append(route)
        else:
            route.continue_()

    page.goto(f"/{district.slug}/angebote/")
    page.route(f"**/{district.slug}/angebote/?*", hold_the_first_answer)

    page.locator("#id_category").select_option(str(categories[0].pk))
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the first filter sends a request"
    page.locator("#id_municipality").select_option(str(municipalities[0].pk))
    page.wait_for_timeout(200)
    try:
        held[0].continue_()
    except PlaywrightError:
        pass  # The page has already cancelled the first request.

    expect(page).to_have_url(re.compile(f"municipality={municipalities[0].pk}"))
    expect(page.locator("#id_municipality")).to_have_value(str(municipalities[0].pk))
    expect(page.locator("#id_category")).to_have_value(str(categories[0].pk))
    expect(page.locator("#offer-results")).to_contain_text("Deutschkurs für Frauen")


def test_the_map_loads_without_the_tile_server(page, district, catalogue):
    page.route(TILES, lambda route: route.abort())

    page.goto(f"/{district.slug}/angebote/karte/")

    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(page.locator("#offer-map-tile-error")).to_be_visible()
    expect(page.locator("#offer-results")).to_contain_text("Deutschkurs für Frauen")
    page.locator(".leaflet-marker-icon[title='Sprachcafé']").click()
    popup_link = page.locator(".leaflet-popup a", has_text="Sprachcafé")
    expect(popup_link).to_have_attribute(
        "href", f"/{district.slug}/angebote/{catalogue['cafe'].pk}/"
    )

    # The filters replace the map with the results; the new map starts as well.
    page.locator("#id_q").fill("Sprachcafe")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#offer-results")).not_to_contain_text("Deutschkurs für Frauen")


def test_the_print_version_has_a_print_button_with_javascript(page, district, catalogue):
    page.goto(f"/{district.slug}/angebote/{catalogue['course'].pk}/drucken/")

    expect(page.locator("[data-print]")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Deutschkurs für Frauen")


def test_on_a_phone_the_results_come_first_and_the_filters_fold_away(
    new_page, district, categories, catalogue
):
    """The first result used to start ~1,600 px down, below seven filters."""
    from .conftest import MOBILE

    page = new_page(viewport=MOBILE, javascript=False)
    page.goto(f"/{district.slug}/angebote/?q=Deutsch&category={categories[0].pk}")

    first = page.locator("#offer-results .kp-offer-card").first
    expect(first).to_be_visible()
    # Below the heading (the site's header above it is the layout's), not 1,200 px of filters.
    assert first.bounding_box()["y"] - page.locator("h1").bounding_box()["y"] < 700
    expect(page.locator("#id_category")).to_be_hidden()
    # The active filter shows beside the folded filters, as a link that removes it.
    chip = page.locator(".kp-filter-chips a")
    expect(chip).to_have_count(1)
    expect(page.locator(".kp-filter-disclosure summary")).to_contain_text("(1")
    # The disclosure opens without JavaScript.
    page.locator(".kp-filter-disclosure summary").click()
    expect(page.locator("#id_category")).to_be_visible()
    chip.click()
    expect(page).to_have_url(re.compile(r"/angebote/\?q=Deutsch$"))
    expect(page.locator(".kp-filter-chips a")).to_have_count(0)
