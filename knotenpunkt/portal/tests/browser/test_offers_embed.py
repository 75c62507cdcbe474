"""The embeddable catalogue on another website: framed, working, accessible, without JS."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from knotenpunkt.offers.tests.factories import OfferFactory, OfferPlaceFactory

from .axe import WCAG_TAGS, _axe_source, assert_accessible, format_violations


@pytest.fixture
def offers(district, municipalities):
    sprachcafe = OfferFactory(district=district, title="Sprachcafé am Markt")
    OfferPlaceFactory(offer=sprachcafe, municipality=municipalities[0])
    elsewhere = OfferFactory(district=district, title="Nähkurs in Unterbach")
    OfferPlaceFactory(offer=elsewhere, municipality=municipalities[1])
    return sprachcafe, elsewhere


def _embed_url(live_server, district, **query):
    path = reverse("offers:embed", kwargs={"district_slug": district.slug})
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"{live_server.url}{path}{'?' + params if params else ''}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_partner_website_shows_the_catalogue_of_its_municipality(
    new_page, live_server, partner_website, district, municipalities, offers, javascript
):
    page = new_page(javascript=javascript)
    partner_page = partner_website(
        _embed_url(live_server, district, municipality=municipalities[0].pk)
    )

    page.goto(partner_page)

    frame = page.frame_locator("iframe[title='Angebote in Oberbach']")
    expect(frame.get_by_role("heading", level=2, name="Sprachcafé am Markt")).to_be_visible()
    expect(frame.get_by_text("Nähkurs in Unterbach")).to_have_count(0)

    # Searching inside the frame keeps the municipality and stays in the frame.
    frame.get_by_role("searchbox").fill("nähkurs")
    frame.get_by_role("button").first.click()
    expect(frame.locator(".kpe-empty")).to_be_visible()
    assert page.url == partner_page


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_the_embedded_catalogue_has_no_accessibility_violations(
    new_page, live_server, district, offers, language
):
    page = new_page()
    page.goto(_embed_url(live_server, district, lang=language))

    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.goto(_embed_url(live_server, district, lang=language, q="nichts-zu-finden"))
    assert_accessible(page)


def _violations_outside_frames(page):
    """axe on the page itself: the framed catalogue is checked on its own above (axe would
    otherwise wait for an answer from inside the frame, where it is not loaded)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {iframes: false, runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return result["violations"]


def test_the_snippet_page_builds_the_code_and_shows_a_preview(
    new_page, live_server, district, municipalities, offers
):
    page = new_page()
    page.goto(reverse("offers:embed_snippet", kwargs={"district_slug": district.slug}))
    reports = []
    if violations := _violations_outside_frames(page):
        reports.append(format_violations(page.url, violations))

    page.locator("select[name=municipality]").select_option(str(municipalities[0].pk))
    page.locator("main form button[type=submit]").click()

    code = page.locator("textarea#embed-code").input_value()
    assert code.startswith(f'<iframe src="{_embed_url(live_server, district)}?municipality=')
    assert 'loading="lazy"' in code and "title=" in code
    preview = page.frame_locator("main iframe")
    expect(preview.get_by_text("Sprachcafé am Markt")).to_be_visible()
    if violations := _violations_outside_frames(page):
        reports.append(format_violations(page.url, violations))
    assert not reports, "\n\n".join(reports)
