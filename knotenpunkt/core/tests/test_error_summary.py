"""The error summary above a form (components/form_errors.html): each entry links to its field."""

from django import forms
from django.template.loader import render_to_string

from knotenpunkt.core.forms import error_summary
from knotenpunkt.core.formsets import capped_formset_factory


class Person(forms.Form):
    name = forms.CharField(label="Name")
    languages = forms.MultipleChoiceField(
        label="Sprachen", choices=[("de", "Deutsch")], widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Alles falsch.")


class Row(forms.Form):
    city = forms.CharField(label="Ort")
    note = forms.CharField(label="Notiz", required=False)


RowFormSet = capped_formset_factory(Row, extra=0)


def test_every_field_in_error_is_listed_with_a_link_to_it():
    person = Person({})
    rows = RowFormSet(
        {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "rows-0-note": "x"}, prefix="rows"
    )
    rows.row_label = "Ort"
    entries = error_summary(person, rows)
    hrefs = [entry["href"] for entry in entries]
    assert "#id_name" in hrefs
    assert "#id_languages_0" in hrefs  # a checkbox list: its first checkbox
    assert "#id_rows-0-city" in hrefs
    labels = [entry["label"] for entry in entries]
    assert "Ort 1: Ort" in labels
    # A form-wide error has no field to link to; a hidden field none the person can use.
    assert {"href": "", "label": "", "message": "Alles falsch."} in entries


def test_the_shared_summary_renders_the_links_for_any_form():
    html = render_to_string("components/form_errors.html", {"form": Person({})})
    assert 'id="form-errors"' in html
    assert '<a class="kern-link" href="#id_name">Name: ' in html
    assert render_to_string("components/form_errors.html", {"form": Person()}).strip() == ""
