"""Shared building blocks of every page: filter forms, file fields, tables, the favicon."""

import re
from pathlib import Path

import pytest
from django import forms
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

from knotenpunkt.core.forms import FilterForm
from knotenpunkt.districts.forms import DistrictSettingsForm

PACKAGE = Path(__file__).resolve().parents[2]
# Templates that are not pages in a browser (PDF sources, e-mails) need no scroll region.
NOT_SCREEN = ("/pdf/", "/email/")


def _templates():
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        if not any(part in str(path) for part in NOT_SCREEN):
            yield path


class _Filters(FilterForm):
    query = forms.CharField(label="Title contains", required=False)
    state = forms.ChoiceField(label="State", choices=[("", "All")], required=False)


class _Edit(forms.Form):
    phone = forms.CharField(label="Phone", required=False)


def test_a_filter_form_does_not_mark_its_fields_optional():
    with translation.override("en"):
        html = render_to_string("components/form.html", {"form": _Filters()})

    assert "Title contains" in html
    assert "optional" not in html


def test_an_edit_form_still_marks_its_optional_fields():
    with translation.override("en"):
        html = render_to_string("components/form.html", {"form": _Edit()})

    assert "– optional" in html


@pytest.mark.parametrize(
    "form_class",
    [
        "knotenpunkt.offers.forms.OfferFilterForm",
        "knotenpunkt.offers.forms_public.OfferFilterForm",
        "knotenpunkt.outbox.forms.MailLogFilterForm",
        "knotenpunkt.directory.forms.OrganisationFilterForm",
        "knotenpunkt.directory.forms_public.OrganisationFilterForm",
        "knotenpunkt.directory.forms_public.MunicipalityChoiceForm",
        "knotenpunkt.districts.forms.MunicipalityFilterForm",
    ],
)
def test_the_filter_forms_of_the_lists_are_filter_forms(form_class):
    from django.utils.module_loading import import_string

    assert issubclass(import_string(form_class), FilterForm)


def test_a_file_field_is_drawn_with_kern_markup(district):
    district.logo.name = "district-logos/wappen.png"
    form = DistrictSettingsForm(instance=district)

    with translation.override("en"):
        html = render_to_string("components/field.html", {"field": form["logo"]})

    assert 'class="kp-file"' in html
    assert re.search(r'<input type="file" name="logo"[^>]*class="kern-form-input__input"', html)
    # The box that removes the current logo is KERN's checkbox with its label.
    assert re.search(
        r'<input class="kern-form-check__checkbox" type="checkbox" name="logo-clear"', html
    )
    assert '<label class="kern-label" for="logo-clear_id">' in html
    assert 'class="kern-link" href="/media/district-logos/wappen.png"' in html


@pytest.mark.parametrize(
    "path", list(_templates()), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_every_table_sits_in_a_named_scroll_region_keyboard_users_can_scroll(path):
    """The shared table wrapper (.kern-table-responsive, styled in knotenpunkt.css): a region
    with a name and tabindex="0", so that a wide table scrolls inside it, by keyboard too."""
    text = path.read_text()
    for match in re.finditer(r"<table\b", text):
        before = text[: match.start()]
        wrapper = before[before.rfind("<div") :]
        assert 'class="kern-table-responsive"' in wrapper, f"table without the wrapper in {path}"
        assert 'role="region"' in wrapper
        assert "aria-labelledby=" in wrapper or "aria-label=" in wrapper
        assert 'tabindex="0"' in wrapper


@pytest.mark.parametrize(
    "path", list(_templates()), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_every_htmx_filter_form_says_how_its_requests_follow_each_other(path):
    """A filter changed while an answer is on its way: the form states its hx-sync, so that an
    older answer never replaces a newer one."""
    text = path.read_text()
    for form in re.findall(r"<form\b[^>]*>", text, flags=re.S):
        if re.search(r"\b(data-)?hx-get=", form):
            assert re.search(r"\b(data-)?hx-sync=", form), f"{path}: {form[:80]}"


@pytest.mark.parametrize(
    "path", list(_templates()), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_every_search_form_uses_the_shared_filter_layout(path):
    for form in re.findall(r"<form\b[^>]*>", path.read_text(), flags=re.S):
        if 'role="search"' in form and "kpe-" not in form:
            assert "kp-filter" in form, f"{path}: {form[:80]}"


def test_favicon_ico_leads_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")


@pytest.mark.parametrize(
    "template", ["base.html", "offers/public/offer_print.html", "offers/embed/embed.html"]
)
def test_every_page_layout_names_the_icon(template):
    text = (next(PACKAGE.rglob(f"templates/{template}"))).read_text()

    assert '{% include "components/favicon.html" %}' in text


def test_persian_has_one_name_as_a_language_of_the_site_and_of_the_offers():
    from django.conf import settings

    from knotenpunkt.directory.models import LanguageCode

    offer_languages = dict(LanguageCode.choices)
    with translation.override("de"):
        for code, name in settings.LANGUAGES:
            if code in offer_languages:
                assert str(name) == str(offer_languages[code]), code
