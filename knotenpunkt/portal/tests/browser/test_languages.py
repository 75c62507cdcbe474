"""The language switcher in the header; right-to-left languages mirror the layout."""

import re

import pytest
from playwright.sync_api import expect

from knotenpunkt.core.demo import load_demo
from knotenpunkt.core.roles import Role

from .axe import axe_violations, format_violations
from .conftest import DESKTOP, MOBILE
from .pages import demo_email, horizontal_overflow, log_in_with_form, switch_language

WORKSPACE_PATHS = [
    "/mittelwald/",
    "/mittelwald/gemeinden/",
    "/mittelwald/impressum/",
    "/mittelwald/workspace/",
    "/mittelwald/workspace/members/",
    "/mittelwald/workspace/members/invite/",
    "/mittelwald/workspace/settings/",
    "/accounts/email/",
    "/accounts/2fa/",
]


@pytest.fixture
def demo(transactional_db):
    return load_demo()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_switch_to_arabic_mirrors_the_layout_without_overflow(new_page, demo, viewport):
    page = new_page(viewport=viewport)
    log_in_with_form(page, demo_email(Role.DISTRICT_ADMIN))
    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))

    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page).to_have_url(re.compile(r"/mittelwald/workspace/$"))  # stays on the page

    overflowing, reports = {}, []
    for path in WORKSPACE_PATHS:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        if (overflow := horizontal_overflow(page)) > 0:
            overflowing[path] = overflow
        if viewport is MOBILE and (violations := axe_violations(page)):
            reports.append(format_violations(page.url, violations))
    assert not overflowing, f"pages wider than the viewport (pixels): {overflowing}"
    assert not reports, "\n\n".join(reports)

    # The brand sits at the right edge in a right-to-left layout.
    brand = page.locator(".kp-brand").bounding_box()
    assert brand["x"] + brand["width"] > viewport["width"] / 2

    switch_language(page, "de")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    assert horizontal_overflow(page) <= 0


def test_german_pages_fit_a_small_screen(new_page, demo):
    page = new_page(viewport=MOBILE)
    log_in_with_form(page, demo_email(Role.DISTRICT_ADMIN))
    overflowing = {}
    for path in ["/", "/accounts/login/", *WORKSPACE_PATHS]:
        page.goto(path)
        if (overflow := horizontal_overflow(page)) > 0:
            overflowing[path] = overflow
    assert not overflowing, f"pages wider than the viewport (pixels): {overflowing}"


def test_farsi_renders_right_to_left(page, district):
    page.goto(f"/{district.slug}/")
    switch_language(page, "fa")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The Farsi catalogue is complete: no notice of texts in English.
    expect(page.locator(".kp-partial-language")).to_have_count(0)


def test_english_renders_left_to_right(page, district):
    page.goto(f"/{district.slug}/")
    switch_language(page, "en")

    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".kp-partial-language")).to_have_count(0)
