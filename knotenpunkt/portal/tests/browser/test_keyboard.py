"""Keyboard users reach the content first."""

from playwright.sync_api import expect


def test_first_tab_focuses_the_skip_link_which_moves_focus_to_main(page, district):
    page.goto(f"/{district.slug}/")

    page.keyboard.press("Tab")
    skip_link = page.locator(".kp-skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, "the focused skip link must be visible"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_in_main, "the next Tab must stay in the main content"


def test_language_switcher_is_labelled(page, district):
    page.goto(f"/{district.slug}/")
    select = page.locator("#kp-language-select")
    expect(select).to_have_accessible_name(
        page.locator("label[for=kp-language-select]").inner_text()
    )
