"""Rich text: the shared widget without JavaScript, what nh3 keeps of the editor's HTML,
plain text read as paragraphs, and the length limits in forms, services and models."""

import time

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from knotenpunkt.core.richtext import (
    RICH_TEXT_HINT,
    RICH_TEXT_MAX_LENGTH,
    RichTextFormField,
    RichTextWidget,
    clean_rich_text,
    raw_limit,
    text_to_html,
)
from knotenpunkt.directory.tests.factories import OrganisationFactory

# What the editor (Tiptap with our configuration) writes for every kind of formatting.
EDITOR_HTML = (
    "<h3>Worum es geht</h3><p>Wir treffen uns <strong>jeden Dienstag</strong> und "
    "<em>manchmal</em> am Freitag.<br>Zweite Zeile.</p><h4>Was Sie brauchen</h4>"
    "<ul><li><p>Kaffee</p></li><li><p>Kuchen</p></li></ul>"
    "<ol><li><p>Anmelden</p></li><li><p>Kommen</p></li></ol>"
    '<p>Anmeldung: <a href="https://example.org/anmeldung">example.org/anmeldung</a>, '
    '<a href="mailto:info@example.org">E-Mail</a>, <a href="tel:+4979515550">Telefon</a></p>'
)


class DescriptionForm(forms.Form):
    description = RichTextFormField(required=False)


def test_the_widget_is_a_plain_textarea_with_the_editor_added_by_a_module_script():
    html = RichTextWidget(language="ar").render("description", "<p>Text & mehr</p>", {"id": "d"})

    assert '<textarea name="description"' in html
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "&lt;p&gt;Text &amp; mehr&lt;/p&gt;</textarea>" in html
    # The toolbar is inert until the script uses it: without JavaScript nothing of it shows.
    assert "<template>" in html and 'role="toolbar"' in html
    assert '<script type="module" src="/static/vendor/richtext/richtext.js"></script>' in html
    assert "style=" not in html and "onclick" not in html


def test_the_rich_text_hint_tells_what_to_type_without_the_buttons():
    field = DescriptionForm().fields["description"]

    assert field.help_text == RICH_TEXT_HINT
    with translation.override("en"):
        assert "blank line starts a new paragraph" in str(RICH_TEXT_HINT)


def test_nh3_keeps_everything_the_editor_writes_and_adds_rel_to_links():
    cleaned = clean_rich_text(EDITOR_HTML)

    # Every link gets rel (its only attribute besides href); nothing else changes.
    assert cleaned == EDITOR_HTML.replace('">', '" rel="noopener noreferrer nofollow">')


def test_nh3_removes_what_the_editor_never_writes():
    dirty = (
        '<h1 style="color:red">Titel</h1><p class="x" onclick="alert(1)">Text</p>'
        '<script>alert(1)</script><img src="x.png"><a href="javascript:alert(1)">weg</a>'
        '<a href="https://example.org" target="_blank">Link</a><u>unterstrichen</u>'
    )

    assert clean_rich_text(dirty) == (
        'Titel<p>Text</p><a rel="noopener noreferrer nofollow">weg</a>'
        '<a href="https://example.org" rel="noopener noreferrer nofollow">Link</a>unterstrichen'
    )


def test_plain_text_without_tags_becomes_paragraphs_at_blank_lines():
    text = "Erste Zeile\r\nzweite Zeile\r\n\r\n  \r\nKinder < 6 Jahre & Eltern\n\n\n"

    assert clean_rich_text(text) == (
        "<p>Erste Zeile<br>zweite Zeile</p><p>Kinder &lt; 6 Jahre &amp; Eltern</p>"
    )
    assert text_to_html("") == ""


def test_text_with_a_tag_is_read_as_html_not_as_plain_text():
    assert clean_rich_text("<p>Eins</p>\n\n<p>Zwei</p>") == "<p>Eins</p>\n\n<p>Zwei</p>"


def test_an_empty_editor_saves_an_empty_text():
    assert clean_rich_text("<p></p>") == ""
    assert clean_rich_text("   ") == ""


def test_the_form_refuses_a_text_longer_than_the_limit_after_cleaning():
    words = "<p>" + "Wort " * (RICH_TEXT_MAX_LENGTH // 5) + "</p>"
    form = DescriptionForm({"description": words})

    assert not form.is_valid()
    assert form.errors.as_data()["description"][0].code == "max_length"
    # The same text with markup the cleaning removes: its cleaned length counts.
    fits = "<p>" + "Wort " * 100 + "</p>" + '<span class="weg">' * 2000
    form = DescriptionForm({"description": fits})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == "<p>" + "Wort " * 100 + "</p>"


def test_huge_input_is_refused_before_it_is_cleaned():
    huge = "<p>" + "x" * 2_800_000 + "</p>"
    started = time.perf_counter()
    form = DescriptionForm({"description": huge})

    assert not form.is_valid()
    assert form.errors.as_data()["description"][0].code == "raw_too_long"
    assert time.perf_counter() - started < 0.5
    with pytest.raises(ValidationError) as error:
        clean_rich_text("x" * (raw_limit() + 1))
    assert error.value.code == "raw_too_long"


def test_a_limited_text_field_is_checked_by_full_clean_not_only_in_forms(district):
    organisation = OrganisationFactory(district=district)
    organisation.description = "x" * 2001

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert "description" in error.value.message_dict
