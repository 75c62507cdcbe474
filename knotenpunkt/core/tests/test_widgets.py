"""The shared widgets (core.widgets): checkbox lists for choices among many, native date and
time fields with a hint, in every workspace form that has such fields."""

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from knotenpunkt.core.widgets import CheckboxList, DateInput, TimeInput, use_shared_widgets


class Choices(forms.Form):
    languages = forms.MultipleChoiceField(
        label="Sprachen",
        required=False,
        choices=[(f"l{i}", f"Sprache {i}") for i in range(19)],
    )
    groups = forms.MultipleChoiceField(
        label="Gruppen", required=False, choices=[("a", "A"), ("b", "B")]
    )
    start = forms.DateField(label="Beginn", required=False)
    at = forms.TimeField(label="Uhrzeit", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_shared_widgets(self)


def _field(form, name):
    return render_to_string("components/field.html", {"field": form[name]})


def test_a_choice_among_many_is_a_checkbox_list_in_a_fieldset_with_a_filter_box():
    form = Choices(initial={"languages": ["l1", "l3"]})
    html = _field(form, "languages")
    assert isinstance(form.fields["languages"].widget, CheckboxList)
    assert "<select" not in html
    assert '<fieldset class="kern-fieldset kp-choices" id="id_languages"' in html
    assert '<legend class="kern-label">Sprachen' in html
    assert html.count('type="checkbox"') == 19
    # The filter box waits for JavaScript (hidden), the chosen options are named without it.
    assert "data-kp-choices-filter hidden" in html
    assert 'type="search" id="id_languages_filter"' in html
    assert "Sprache 1, Sprache 3" in html


def test_a_short_checkbox_list_has_no_filter_box():
    html = _field(Choices(), "groups")
    assert "data-kp-choices-filter" not in html


def test_the_chosen_options_are_named_with_the_list_separator_of_the_language():
    with translation.override("ar"):
        html = _field(Choices(initial={"languages": ["l1", "l3"]}), "languages")
    assert "Sprache 1، Sprache 3" in html


def test_dates_and_times_are_the_browsers_own_fields_with_a_hint():
    form = Choices(initial={"start": "2026-05-04", "at": "09:30"})
    assert isinstance(form.fields["start"].widget, DateInput)
    assert isinstance(form.fields["at"].widget, TimeInput)
    with translation.override("de"):
        date_html = _field(form, "start")
        time_html = _field(form, "at")
    assert 'type="date"' in date_html and 'value="2026-05-04"' in date_html
    assert "31.12.2026" in date_html
    assert 'aria-describedby="id_start_hint"' in date_html
    assert 'type="time"' in time_html and 'value="09:30"' in time_html
    assert "17:30" in time_html


def test_a_date_is_accepted_in_iso_and_in_the_readers_format():
    with translation.override("de"):
        assert Choices({"start": "31.12.2026"}).is_valid()
        assert Choices({"start": "2026-12-31"}).is_valid()


def _workspace_forms(district, organisation, users):
    from knotenpunkt.core.roles import Role
    from knotenpunkt.directory.forms import ContactPersonForm, OrganisationForm
    from knotenpunkt.directory.models import ContactPerson
    from knotenpunkt.offers.forms import OfferForms

    offer_forms = OfferForms(district=district, actor=users[Role.PARTNER_EDITOR])
    return [
        offer_forms.form,
        *offer_forms.times.forms,
        OrganisationForm(district=district, instance=organisation),
        ContactPersonForm(district=district, instance=ContactPerson(organisation=organisation)),
    ]


@pytest.mark.django_db
def test_no_workspace_form_has_a_one_line_multi_select_or_a_date_without_the_shared_widget(
    district, organisation, users
):
    for form in _workspace_forms(district, organisation, users):
        for name, field in form.fields.items():
            widget = field.widget
            where = f"{type(form).__name__}.{name}"
            if isinstance(field, forms.MultipleChoiceField):
                assert isinstance(widget, CheckboxList), where
            assert not isinstance(widget, forms.SelectMultiple), where
            if isinstance(field, forms.DateField):
                assert isinstance(widget, DateInput), where
            if isinstance(field, forms.TimeField):
                assert isinstance(widget, TimeInput), where
