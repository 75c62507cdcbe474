"""Capped formsets (core.formsets): more rows than allowed are refused before any is built."""

import re
from pathlib import Path

import pytest
from django import forms

from knotenpunkt.core.formsets import (
    CappedFormSet,
    capped_formset_factory,
    show_without_errors,
    with_one_more_row,
)

# The assertions name the English msgids (root conftest.py).
pytestmark = pytest.mark.usefixtures("pages_in_english")

PACKAGE = Path(__file__).resolve().parents[2]


class RowForm(forms.Form):
    name = forms.CharField()

    built = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RowForm.built += 1


RowFormSet = capped_formset_factory(RowForm, max_num=5, extra=1)


def _data(total, **rows):
    return {"rows-TOTAL_FORMS": str(total), "rows-INITIAL_FORMS": "0", **rows}


def test_a_formset_claiming_more_rows_than_its_cap_builds_no_form_and_says_why():
    RowForm.built = 0
    formset = RowFormSet(_data(100_000), prefix="rows")
    assert not formset.is_valid()
    assert formset.forms == []
    assert RowForm.built == 0
    assert formset.non_form_errors() == [
        "At most 5 rows can be given here. Nothing has been saved."
    ]
    # Shown again, the form claims no rows, so that it can be sent again.
    assert 'name="rows-TOTAL_FORMS" value="0"' in str(formset.management_form)


def test_a_formset_within_its_cap_is_validated_as_usual():
    formset = RowFormSet(_data(2, **{"rows-0-name": "a", "rows-1-name": "b"}), prefix="rows")
    assert formset.is_valid()
    assert [form.cleaned_data["name"] for form in formset.forms] == ["a", "b"]
    assert formset.absolute_max == formset.max_num == 5


def test_one_more_row_is_added_up_to_the_cap_only():
    assert with_one_more_row(_data(2), "rows", 5)["rows-TOTAL_FORMS"] == "3"
    assert with_one_more_row(_data(5), "rows", 5) is None
    assert with_one_more_row(_data("x"), "rows", 5) is None


def test_a_form_shown_again_to_add_a_row_shows_no_errors():
    formset = RowFormSet(_data(2, **{"rows-0-name": ""}), prefix="rows")
    show_without_errors(formset)
    assert formset.total_error_count() == 0
    assert all(not form.errors for form in formset.forms)


def test_the_factory_takes_capped_formsets_only():
    import pytest

    with pytest.raises(TypeError):
        capped_formset_factory(RowForm, formset=forms.BaseFormSet)
    assert issubclass(RowFormSet, CappedFormSet)


def test_every_formset_of_the_project_comes_from_the_capped_factory():
    """Django's formset factories build up to 1,000 forms per request: only
    core.formsets may call them."""
    pattern = re.compile(r"\b(formset_factory|inlineformset_factory|modelformset_factory)\(")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.name == "formsets.py" and path.parent.name == "core":
            continue
        for line in path.read_text().splitlines():
            if pattern.search(line) and "capped_formset_factory(" not in line:
                offenders.append(f"{path.relative_to(PACKAGE)}: {line.strip()}")
    assert not offenders
