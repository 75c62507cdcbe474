"""The rich-text editor of descriptions in a real browser: written by keyboard in German and
in Arabic (right to left), saved, and shown cleaned on the public offer page; without
JavaScript a plain textarea whose blank lines become paragraphs; no axe violations."""

import re

import pytest
from playwright.sync_api import expect

from knotenpunkt.core.roles import Role
from knotenpunkt.offers import services
from knotenpunkt.offers.models import Offer, OfferState, OfferTranslation
from knotenpunkt.offers.tests.factories import OfferFactory, OfferPlaceFactory

from .axe import assert_accessible

# What each language types: the text, the bold words, two list items and a link's text.
TEXTS = {
    "de": {
        "start": "Wir treffen uns ",
        "bold": "jeden Dienstag",
        "items": ["Kaffee", "Kuchen"],
        "link_intro": "Anmeldung: ",
    },
    "ar": {
        "start": "نلتقي ",
        "bold": "كل يوم ثلاثاء",
        "items": ["قهوة", "كعك"],
        "link_intro": "التسجيل: ",
    },
}
LINK = "example.org/anmeldung"


def _draft(district, provider, categories, municipalities):
    offer = OfferFactory(
        district=district, provider=provider, category=categories[0], state=OfferState.DRAFT
    )
    OfferPlaceFactory(offer=offer, municipality=municipalities[0])
    return offer


def _type_description(page, editor_id, texts, *, rtl):
    """Write a paragraph with bold words, a list and a link, by keyboard only."""
    editor = page.locator(f"#{editor_id}")
    editor.focus()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(texts["start"])
    bold_button = page.locator(".kp-richtext__toolbar [data-command=bold]")
    page.keyboard.press("Control+b")
    page.keyboard.type(texts["bold"])
    # The toolbar says what the text at the cursor is, for screen readers too.
    expect(bold_button).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    # The list from the toolbar: Alt+F10 moves there, arrows to "List", Enter presses it.
    page.keyboard.press("Alt+F10")
    expect(bold_button).to_be_focused()
    expect(bold_button).to_have_attribute("aria-pressed", "false")
    for _step in range(4):
        page.keyboard.press("ArrowLeft" if rtl else "ArrowRight")
    expect(page.locator(".kp-richtext__toolbar [data-command=bulletList]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.type(texts["items"][0])
    page.keyboard.press("Enter")
    page.keyboard.type(texts["items"][1])
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type(texts["link_intro"])
    page.keyboard.press("Control+k")
    link_input = page.locator(".kp-richtext__link input")
    expect(link_input).to_be_focused()
    page.keyboard.type(LINK)
    page.keyboard.press("Enter")
    expect(editor.locator("a")).to_have_text(LINK)
    expect(editor.locator("ul li")).to_have_count(2)
    expect(editor.locator("strong")).to_have_text(texts["bold"])


def _assert_sanitised(description, texts):
    assert f"<strong>{texts['bold']}</strong>" in description
    assert re.search(
        rf"<ul><li><p>{texts['items'][0]}</p></li><li><p>{texts['items'][1]}</p></li></ul>",
        description,
    ), description
    assert f'<a href="https://{LINK}" rel="noopener noreferrer nofollow">{LINK}</a>' in description
    assert "style" not in description and "class" not in description and "target" not in description


def _assert_public_page(page, offer, texts):
    page.goto(f"/{offer.district.slug}/angebote/{offer.pk}/")
    prose = page.locator("main .kp-prose").first
    expect(prose.locator("strong")).to_have_text(texts["bold"])
    expect(prose.locator("ul li")).to_have_count(2)
    expect(prose.locator(f"a[href='https://{LINK}']")).to_have_text(LINK)


def test_a_german_description_is_written_by_keyboard_and_shown_cleaned_to_the_public(
    new_page, log_in, district, users, provider, categories, municipalities
):
    offer = _draft(district, provider, categories, municipalities)
    page = new_page(language="de")
    log_in(page, users[Role.PARTNER_EDITOR])
    page.goto(f"/{district.slug}/workspace/angebote/{offer.pk}/bearbeiten/")
    expect(page.locator("#id_description")).to_be_hidden()
    expect(page.locator("#id_description_editor")).to_have_attribute("dir", "auto")
    _type_description(page, "id_description_editor", TEXTS["de"], rtl=False)
    page.locator("main form.kp-form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))

    offer.refresh_from_db()
    _assert_sanitised(offer.description, TEXTS["de"])
    services.offer_publish(actor=users[Role.DISTRICT_COORDINATOR], offer=offer)
    _assert_public_page(new_page(language="de"), offer, TEXTS["de"])


def test_an_arabic_translation_is_written_right_to_left_by_keyboard_and_shown_cleaned(
    new_page, log_in, district, users, offer
):
    page = new_page(language="ar")
    log_in(page, users[Role.PARTNER_EDITOR])
    page.goto(f"/{district.slug}/workspace/angebote/{offer.pk}/uebersetzungen/ar/")
    editor = page.locator("#id_description_editor")
    expect(editor).to_have_attribute("dir", "rtl")
    expect(editor).to_have_attribute("lang", "ar")
    page.locator("#id_title").fill("مقهى اللغة")
    page.locator("#id_summary").fill("تحدث الألمانية مع القهوة.")
    _type_description(page, "id_description_editor", TEXTS["ar"], rtl=True)
    page.locator("main form.kp-form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))

    translation = OfferTranslation.objects.get(offer=offer, language="ar")
    _assert_sanitised(translation.description, TEXTS["ar"])
    _assert_public_page(new_page(language="ar"), offer, TEXTS["ar"])


def test_without_javascript_plain_text_with_blank_lines_becomes_paragraphs(
    new_page, log_in, district, users, provider, categories, municipalities
):
    offer = _draft(district, provider, categories, municipalities)
    page = new_page(javascript=False)
    log_in(page, users[Role.PARTNER_EDITOR])
    page.goto(f"/{district.slug}/workspace/angebote/{offer.pk}/bearbeiten/")
    textarea = page.locator("#id_description")
    expect(textarea).to_be_visible()
    expect(page.locator(".kp-richtext__toolbar")).to_have_count(0)
    expect(page.locator("#id_description_hint")).to_contain_text("Strg+B")
    textarea.fill(
        "Wir treffen uns jeden Dienstag.\nAuch in den Ferien.\n\nKinder < 6 Jahre & Eltern"
    )
    page.locator("main form.kp-form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/workspace/angebote/{offer.pk}/$"))
    offer.refresh_from_db()
    assert offer.description == (
        "<p>Wir treffen uns jeden Dienstag.<br>Auch in den Ferien.</p>"
        "<p>Kinder &lt; 6 Jahre &amp; Eltern</p>"
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_editor_has_no_accessibility_violations(
    new_page, log_in, district, users, offer, language
):
    page = new_page(language=language)
    log_in(page, users[Role.PARTNER_EDITOR])
    page.goto(f"/{district.slug}/workspace/angebote/{offer.pk}/uebersetzungen/ar/")
    expect(page.locator(".kp-richtext--enhanced")).to_have_count(1)
    editor = page.locator("#id_description_editor")
    expect(editor).to_have_attribute("role", "textbox")
    expect(editor).to_have_attribute("aria-labelledby", "id_description_label")
    assert_accessible(page)
    # With the link panel open, too.
    editor.focus()
    page.keyboard.press("Control+k")
    expect(page.locator(".kp-richtext__link input")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(editor).to_be_focused()
    assert Offer.objects.filter(pk=offer.pk).exists()
