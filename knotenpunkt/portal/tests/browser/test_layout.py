"""Pages at every width and in every language: nothing scrolls sideways at 320 px or at 200 %
zoom, tables scroll in their region, filter forms and the header hold their layout, the
checkbox tick stays in its box in right-to-left languages, links show KERN's focus, and the
map clusters its places and can be skipped."""

import re

import pytest
from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.tests.factories import affiliate
from knotenpunkt.offers.tests.factories import OfferFactory, OfferPlaceFactory

from .axe import assert_accessible
from .pages import horizontal_overflow, overflowing_elements

PHONE = {"width": 320, "height": 640}
ZOOM_200 = {"width": 640, "height": 450}  # 1280 × 900 at 200 % zoom
DESKTOP = {"width": 1280, "height": 900}
LONG_WORD = ("Integrationskursträgerinformationsveranstaltungsreihe" * 3)[:120]
# Unbroken, and within the 200 characters of the website field (PostgreSQL enforces them).
LONG_URL = "https://www.example.org/" + "anmeldung-" * 12 + "?kurs=" + "x" * 40
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300" viewBox="0 0 900 300">'
    '<rect width="900" height="300" fill="#0b3d6e"/></svg>'
)
TILES = re.compile(r"^https://tile\.openstreetmap\.org/")


def _text_overflow(page):
    """Return text that reaches beyond the viewport's edges (glyphs escape their boxes)."""
    return page.evaluate(
        """() => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode()); ) {
            const skip = '.kern-table-responsive, .kern-sr-only, .kp-skip-link';
            if (node.parentElement.closest(skip)) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const box = range.getBoundingClientRect();
            if (box.width && (box.right > innerWidth + 1 || box.left < -1)) {
              out.push(node.textContent.trim().slice(0, 40));
            }
          }
          return out;
        }"""
    )


@pytest.fixture
def long_texts(district, users, organisation, categories, municipalities):
    """A district with a 120-character name and a wide logo; an offer whose title is one
    120-character word, with a long unbroken address."""
    district.name = ("Landkreis " + "Seetalerhochlandniederungsgemeinschaftsverband" * 3)[:120]
    district.logo.name = "district-logos/wide.svg"
    district.save()
    affiliate(users[Role.PARTNER_EDITOR], organisation)
    offer = OfferFactory(
        district=district,
        provider=organisation,
        category=categories[0],
        state="published",
        title=LONG_WORD,
        summary=f"{LONG_WORD} {LONG_WORD}",
        description=f"<p>{LONG_WORD}</p><p>{LONG_URL}</p>",
        website=LONG_URL,
        contact_name=LONG_WORD,
    )
    OfferPlaceFactory(
        offer=offer, municipality=municipalities[0], name=LONG_WORD, latitude=49.1, longitude=10.1
    )
    return offer


def _serve_logo(page):
    page.route(
        re.compile(r"/logo/\?v="),
        lambda route: route.fulfill(status=200, content_type="image/svg+xml", body=LOGO),
    )
    page.route(TILES, lambda route: route.abort())


def _public_paths(district, offer, organisation):
    slug = district.slug
    return [
        f"/{slug}/",
        f"/{slug}/angebote/",
        f"/{slug}/angebote/?query={LONG_WORD[:20]}",
        f"/{slug}/angebote/karte/",
        f"/{slug}/angebote/{offer.pk}/",
        f"/{slug}/angebote/{offer.pk}/drucken/",
        f"/{slug}/angebote/einbetten/code/",
        f"/{slug}/verzeichnis/",
        f"/{slug}/verzeichnis/{organisation.pk}/",
        f"/{slug}/zustaendigkeit/",
        f"/{slug}/mitmachen/",
        f"/{slug}/gemeinden/",
        f"/{slug}/downloads/",
        f"/{slug}/impressum/",
        "/accounts/login/",
    ]


def _workspace_paths(district, offer):
    slug = district.slug
    return [
        f"/{slug}/workspace/",
        f"/{slug}/workspace/angebote/",
        f"/{slug}/workspace/angebote/{offer.pk}/",
        f"/{slug}/workspace/angebote/pruefen/",
        f"/{slug}/workspace/angebote/abdeckung/",
        f"/{slug}/workspace/verzeichnis/",
        f"/{slug}/workspace/members/",
        f"/{slug}/workspace/settings/",
        f"/{slug}/workspace/postausgang/",
    ]


@pytest.mark.parametrize("viewport", [PHONE, ZOOM_200], ids=["320px", "200-percent-zoom"])
@pytest.mark.parametrize("language", ["de", "ar"])
def test_no_page_scrolls_sideways_with_long_names_and_addresses(
    new_page, log_in, district, users, organisation, long_texts, language, viewport
):
    page = new_page(language=language, viewport=viewport)
    _serve_logo(page)
    wide = {}
    for path in _public_paths(district, long_texts, organisation):
        assert page.goto(path).status == 200, path
        if horizontal_overflow(page) > 0 or _text_overflow(page):
            wide[path] = overflowing_elements(page) + _text_overflow(page)
    log_in(page, users[Role.DISTRICT_ADMIN])
    for path in _workspace_paths(district, long_texts):
        assert page.goto(path).status == 200, path
        if horizontal_overflow(page) > 0 or _text_overflow(page):
            wide[path] = overflowing_elements(page) + _text_overflow(page)
    assert not wide, wide


def test_the_header_keeps_switcher_and_login_beside_a_long_name_and_a_logo(
    new_page, district, long_texts
):
    page = new_page(viewport=DESKTOP)
    _serve_logo(page)
    page.goto(f"/{district.slug}/")

    brand = page.locator(".kp-brand").bounding_box()
    switcher = page.locator(".kp-language select").bounding_box()
    login = page.locator(".kp-account a").bounding_box()
    # One row: the tools start above the brand's lower edge, and the switcher's button stays
    # beside its select box.
    assert switcher["y"] < brand["y"] + brand["height"]
    assert login["y"] < brand["y"] + brand["height"]
    button = page.locator(".kp-language button").bounding_box()
    assert abs(button["y"] - switcher["y"]) < switcher["height"]
    logo = page.locator(".kp-brand__logo").bounding_box()
    assert logo["height"] <= 56 and logo["width"] <= 192
    # The name wraps within at most three lines.
    name = page.locator(".kp-brand__name").bounding_box()
    assert name["height"] <= 3 * 1.25 * 24 + 1
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("list_path", ["angebote", "verzeichnis", "postausgang"])
def test_the_workspace_filter_forms_are_a_grid_with_the_button_at_the_end(
    new_page, log_in, district, users, long_texts, list_path
):
    page = new_page(viewport=DESKTOP)
    _serve_logo(page)
    log_in(page, users[Role.DISTRICT_ADMIN])
    page.goto(f"/{district.slug}/workspace/{list_path}/")

    form = page.locator("main form.kp-filter")
    fields = form.locator(".kern-form-input")
    boxes = [fields.nth(index).bounding_box() for index in range(fields.count())]
    inputs = form.locator("input:not([type=hidden]), select")
    input_boxes = [inputs.nth(index).bounding_box() for index in range(inputs.count())]
    button = form.locator("button[type=submit]").bounding_box()

    assert boxes
    # Side by side, each as high as its label and input (not 256 px), inputs on one line.
    assert all(box["height"] < 120 for box in boxes)
    bottoms = [box["y"] + box["height"] for box in input_boxes]
    assert max(bottoms) - min(bottoms) <= 3
    # The button ends the last row, its lower edge with the inputs' (or, where the row is
    # full, starts a row of its own below them); it never floats in the middle.
    last = input_boxes[-1]
    beside = (
        button["x"] > last["x"] + last["width"]
        and abs((button["y"] + button["height"]) - max(bottoms)) <= 2
    )
    below = button["y"] >= max(bottoms)
    assert beside or below
    assert button["height"] < 80
    # A filter form does not mark every field "optional".
    expect(form.locator(".kern-label__optional")).to_have_count(0)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_tick_of_a_checked_box_stays_in_its_box_right_to_left(
    new_page, district, long_texts, language
):
    ticks = {}
    for code in ("de", language):
        page = new_page(language=code, viewport=DESKTOP)
        _serve_logo(page)
        page.goto(f"/{district.slug}/angebote/")
        box = page.locator("main input[type=checkbox].kern-form-check__checkbox").first
        # Checked without a change event: the filter form would otherwise reload its fields.
        box.evaluate("e => { e.checked = true; }")
        expect(page.locator("html")).to_have_attribute("dir", "ltr" if code == "de" else "rtl")
        # The tick (::before) is placed with physical offsets from the box's start edge: the
        # box is laid out left to right, or the tick starts at the right and sticks out.
        assert box.evaluate("e => getComputedStyle(e).direction") == "ltr"
        ticks[code] = box.evaluate(
            """e => { const s = getComputedStyle(e, '::before');
                      return [s.left, s.top, s.transform, s.width, s.height, s.margin]; }"""
        )
    # Drawn from the same left edge with the same offsets as in German.
    assert ticks["de"] == ticks[language]


def test_tables_scroll_in_their_region_with_the_first_column_in_view(
    new_page, log_in, district, users, long_texts
):
    page = new_page(language="de", viewport=PHONE)
    _serve_logo(page)
    log_in(page, users[Role.DISTRICT_ADMIN])
    page.goto(f"/{district.slug}/workspace/members/")

    region = page.locator("main .kern-table-responsive").first
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert horizontal_overflow(page) <= 0
    first = region.locator("tbody tr").first.locator("th, td").first
    before = first.bounding_box()["x"]

    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    region.evaluate("e => e.scrollBy(200, 0)")
    assert region.evaluate("e => e.scrollLeft") > 0
    assert abs(first.bounding_box()["x"] - before) < 1
    # The actions wrap: every link and button shows its whole label.
    for action in region.locator(".kern-table__cell--action :is(a, button)").all():
        assert action.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), action.inner_text()


def test_every_link_shows_kerns_focus_indicator(page):
    page.goto("/accounts/login/")
    link = page.locator("main a[href*='password/reset']")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    style = link.evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style == ["solid", "3px"]


@pytest.fixture
def crowded_map(district, organisation, categories, municipalities):
    """Forty places within a few hundred metres, and two further away."""
    for index in range(40):
        offer = OfferFactory(
            district=district, provider=organisation, category=categories[0], state="published"
        )
        OfferPlaceFactory(
            offer=offer,
            municipality=municipalities[0],
            latitude=49.1 + index * 0.002,
            longitude=10.1 + index * 0.001,
        )
    for latitude in (49.6, 48.7):
        offer = OfferFactory(
            district=district, provider=organisation, category=categories[1], state="published"
        )
        OfferPlaceFactory(
            offer=offer, municipality=municipalities[1], latitude=latitude, longitude=10.8
        )


def test_the_map_clusters_nearby_places_and_can_be_skipped_to_the_list(
    new_page, district, crowded_map
):
    page = new_page(viewport=DESKTOP)
    page.route(TILES, lambda route: route.abort())
    page.goto(f"/{district.slug}/angebote/karte/")

    clusters = page.locator(".kp-offer-cluster")
    expect(clusters.first).to_be_visible()
    assert page.locator(".leaflet-marker-icon").count() < 10
    # A cluster is a named button; the zoom buttons come before the markers.
    expect(clusters.first).to_have_attribute("role", "button")
    expect(clusters.first).to_contain_text("40")
    order = page.evaluate(
        """() => [...document.querySelectorAll(
                    '.kp-offer-map__canvas a, .kp-offer-map__canvas [tabindex="0"]')]
                  .map(e => e.classList.contains('leaflet-marker-icon') ? 'marker' : e.className)"""
    )
    assert order.index("marker") > max(
        index for index, name in enumerate(order) if "leaflet-control-zoom" in name
    )
    assert_accessible(page)

    # The skip link, visible to all, leads past the map to the list of the same offers.
    skip = page.locator("a.kp-offer-map__skip")
    expect(skip).to_be_visible()
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#offer-list")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#offer-list') !== null")

    # Pressing a cluster zooms in on its places: they spread over more, smaller clusters.
    shown = page.locator(".leaflet-marker-icon").count()
    page.locator(".kp-offer-cluster", has_text="40").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.leaflet-marker-icon').length > n", arg=shown
    )


def test_the_print_view_names_an_icon_so_the_browser_asks_for_no_favicon_ico(
    page, district, long_texts
):
    _serve_logo(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"/{district.slug}/angebote/{long_texts.pk}/drucken/")

    expect(page.locator("link[rel=icon]")).to_have_attribute("href", re.compile(r"favicon"))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if url.endswith("/favicon.ico")]
