"""The offer form walked as a partner editor does it: by keyboard only (Tab, Space, Enter,
arrow keys, typing), on a 320 px wide phone, in Arabic; with JavaScript (htmx adds the row)
and without it (the "Add a place" button shows the form again with one more row)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.offers.models import Offer

from .axe import assert_accessible
from .pages import horizontal_overflow, overflowing_elements

PHONE = {"width": 320, "height": 640}
TILES = re.compile(r"^https://tile\.openstreetmap\.org/")


def tab_to(page, selector, *, limit=400, backwards=False):
    """Press Tab until the focused element matches ``selector``; fail after ``limit`` presses."""
    trail = []
    for _ in range(limit):
        # Selectors, not page.evaluate: evaluate never answers on a page without JavaScript.
        if page.locator(f"{selector}:focus").count():
            return
        focused = page.locator(":focus")
        trail.append(focused.first.get_attribute("id") if focused.count() else None)
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}: {trail[:60]}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_first(page, selector):
    """Choose the first real option of a select box by keyboard."""
    tab_to(page, selector)
    page.keyboard.press("ArrowDown")


def assert_fits(page):
    assert horizontal_overflow(page) <= 0, overflowing_elements(page)


@pytest.fixture(autouse=True)
def _reference_lists(db):
    """Live-server tests empty every table, the reference rows of the migration too."""
    from knotenpunkt.directory.models import LanguageCode, SpokenLanguage
    from knotenpunkt.offers.models import TargetGroup, TargetGroupCode

    for code in LanguageCode.values:
        SpokenLanguage.objects.get_or_create(code=code)
    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)


@pytest.fixture
def setting(district, users, provider, categories, municipalities):
    first = municipalities[0]
    first.latitude, first.longitude = Decimal("49.1"), Decimal("10.0")
    first.save(update_fields=["latitude", "longitude"])
    return users[Role.PARTNER_EDITOR]


def _open_form(new_page, log_in, district, editor, *, javascript=True):
    page = new_page(language="ar", viewport=PHONE, javascript=javascript)
    # Hundreds of key presses: on a busy CI machine a step may take longer than usual.
    page.set_default_timeout(30_000)
    page.route(TILES, lambda route: route.abort())
    log_in(page, editor)
    page.goto(f"/{district.slug}/workspace/angebote/neu/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    return page


def _fill_the_offer(page):
    type_into(page, "#id_title", "مقهى اللغة")
    type_into(page, "#id_summary", "نتحدث الألمانية معًا.")
    choose_first(page, "#id_provider")
    choose_first(page, "#id_category")
    type_into(page, "#id_places-0-name", "Bürgerhaus")
    choose_first(page, "#id_places-0-municipality")


def test_an_editor_writes_an_offer_by_keyboard_on_a_phone_in_arabic(
    new_page, log_in, district, setting
):
    page = _open_form(new_page, log_in, district, setting)
    assert_fits(page)
    assert_accessible(page)

    # Saving the empty form: the error summary links to the fields; still accessible.
    tab_to(page, ".kp-action-bar--top button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary.locator('a[href="#id_title"]')).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
    # Following the summary's link puts the focus on the field.
    tab_to(page, '#form-errors a[href="#id_title"]')
    page.keyboard.press("Enter")
    expect(page.locator("#id_title")).to_be_focused()

    _fill_the_offer(page)

    # Languages: the filter box narrows the list, Space ticks the one shown.
    arabic = page.locator('#id_languages_options input[value="ar"]')
    label = page.locator(f'label[for="{arabic.get_attribute("id")}"]').inner_text()
    type_into(page, "#id_languages_filter", label)
    expect(page.locator("#id_languages_options [data-kp-choice]:visible")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(arabic).to_be_focused()
    page.keyboard.press("Space")
    expect(arabic).to_be_checked()
    expect(page.locator("#id_languages_chosen")).to_contain_text(label)

    # Another place, fetched into the form (htmx); its first field gets the focus.
    tab_to(page, 'button[name="add_row"][value="places"]')
    page.keyboard.press("Enter")
    expect(page.locator("#places-1")).to_be_visible()
    expect(page.locator("#id_places-1-name")).to_be_focused()
    page.keyboard.type("Rathaus")
    choose_first(page, "#id_places-1-municipality")
    # The new row's map is there, too (its pin is optional).
    expect(page.locator("#places-1 [data-kp-place-map]")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)

    tab_to(page, ".kp-action-bar--bottom button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".kern-alert--success")).to_be_visible()
    offer = Offer.objects.get()
    assert offer.title == "مقهى اللغة"
    assert [language.code for language in offer.languages.all()] == ["ar"]
    places = list(offer.places.order_by("name"))
    assert [place.name for place in places] == ["Bürgerhaus", "Rathaus"]
    # Nobody typed coordinates: the places got their municipality's centre.
    assert all(place.latitude is not None for place in places)


def test_without_javascript_a_place_is_added_with_the_button_and_the_form_saves(
    new_page, log_in, district, setting
):
    page = _open_form(new_page, log_in, district, setting, javascript=False)
    assert_fits(page)
    # The checkbox lists work as they are; their filter box needs JavaScript.
    expect(page.locator("#id_languages_filter")).to_be_hidden()
    expect(page.locator("[data-kp-place-map]").first).to_be_hidden()

    type_into(page, "#id_title", "مقهى اللغة")
    type_into(page, "#id_summary", "نتحدث الألمانية معًا.")
    choose_first(page, "#id_provider")
    choose_first(page, "#id_category")
    tab_to(page, "#id_languages_0")
    page.keyboard.press("Space")
    type_into(page, "#id_places-0-name", "Bürgerhaus")
    choose_first(page, "#id_places-0-municipality")

    tab_to(page, 'button[name="add_row"][value="places"]')
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    # The form is back, unsaved, with what was typed and an empty second place, focused.
    assert not Offer.objects.exists()
    expect(page.locator("#id_title")).to_have_value("مقهى اللغة")
    expect(page.locator("#id_languages_0")).to_be_checked()
    expect(page.locator("#id_places-1-name")).to_be_focused()
    expect(page.locator("#form-errors")).to_have_count(0)
    page.keyboard.type("Rathaus")
    choose_first(page, "#id_places-1-municipality")
    # axe cannot run in a page without JavaScript; the rows are the templates the test
    # above checks with axe.
    assert_fits(page)

    tab_to(page, ".kp-action-bar--bottom button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".kern-alert--success")).to_be_visible()
    offer = Offer.objects.get()
    assert sorted(offer.places.values_list("name", flat=True)) == ["Bürgerhaus", "Rathaus"]


def test_a_place_is_removed_with_its_labelled_checkbox(new_page, log_in, district, setting, offer):
    page = new_page(language="ar", viewport=PHONE)
    page.set_default_timeout(30_000)
    page.route(TILES, lambda route: route.abort())
    log_in(page, setting)
    page.goto(f"/{district.slug}/workspace/angebote/{offer.pk}/bearbeiten/")
    remove = page.locator("#id_places-0-DELETE")
    expect(page.locator('label[for="id_places-0-DELETE"]')).to_be_visible()
    tab_to(page, "#id_places-0-DELETE")
    page.keyboard.press("Space")
    expect(remove).to_be_checked()
    assert_accessible(page)
