"""The Python select rendering must produce what Django's templates produce."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy

from knotenpunkt.core.form_renderer import FormRenderer


class Example(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "A & B"), ("b", gettext_lazy("Search"))])
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", '"Two"')], required=False)
    flag = forms.NullBooleanField(required=False)


def _normalised(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("name", ["plain", "grouped", "several", "flag"])
def test_select_markup_is_the_same_as_djangos(name):
    data = {"plain": "a", "grouped": "y", "several": ["1", "2"], "flag": "true"}
    ours = Example(data, renderer=FormRenderer())[name]
    djangos = Example(data, renderer=DjangoTemplates())[name]
    attrs = {"class": "kern-form-input__select", "aria-invalid": "true"}

    assert _normalised(ours.as_widget(attrs=attrs)) == _normalised(djangos.as_widget(attrs=attrs))


def test_option_labels_and_values_are_escaped():
    html = str(Example(renderer=FormRenderer())["plain"])

    assert "A &amp; B" in html
    assert "<option" in html and "A & B" not in html
