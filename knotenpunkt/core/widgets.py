"""Widgets every form of the project shares: a checkbox list for choices among many, and
one pattern for dates and times.

- ``CheckboxList``: a choice among many options (languages, municipalities, topics) as
  checkboxes in a fieldset (components/checkbox_list.html). With JavaScript a filter box
  narrows the list and the chosen options are named above it (static/js/forms.js); without
  it the list works as it is. A one-line ``<select multiple>`` hides what is chosen.
- ``DateInput``/``TimeInput``: the browser's own date and time fields, one field each,
  written in ISO form, so that every browser shows its own accessible picker.
"""

from django import forms
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# From this many options on, the checkbox list gets its filter box.
FILTER_FROM = 8


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes in a fieldset; the field template renders it (``is_checkbox_list``)."""

    def __init__(self, attrs=None, choices=(), *, filter_from=FILTER_FROM):
        super().__init__({**(attrs or {}), "class": "kern-form-check__checkbox"}, choices)
        self.filter_from = filter_from


class DateInput(forms.DateInput):
    """``<input type="date">``: the browser's date field, ISO value (2026-12-31)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """``<input type="time">``: the browser's time field, 24-hour value (17:30)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def lazy_hint(function):
    """Return ``function()`` as a lazy string: evaluated in the language of each request."""
    return lazy(function, str)()


def date_hint():
    """The hint of a date field: an example in the reader's format (a browser without a
    date picker shows a text box, which takes this format and ISO dates)."""
    from datetime import date

    example = formats.date_format(date(2026, 12, 31), "SHORT_DATE_FORMAT")
    return _("For example: %(example)s") % {"example": example}


def time_hint():
    return _("For example: %(example)s") % {"example": "17:30"}


class DateField(forms.DateField):
    """A date in the project's one pattern: native date input with an example as hint."""

    widget = DateInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", lazy_hint(date_hint))
        super().__init__(*args, **kwargs)


class TimeField(forms.TimeField):
    """A time in the project's one pattern: native time input with an example as hint."""

    widget = TimeInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", lazy_hint(time_hint))
        super().__init__(*args, **kwargs)


def use_shared_widgets(form):
    """Give the fields of ``form`` the shared widgets: checkbox lists for choices among
    many, the native date and time fields. Call it at the end of ``__init__``."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            if not isinstance(widget, CheckboxList):
                new = CheckboxList(attrs=widget.attrs)
                new.choices = field.choices
                new.is_required = field.required
                field.widget = new
        elif isinstance(field, forms.DateField):
            if not isinstance(widget, DateInput):
                field.widget = DateInput(attrs=widget.attrs)
            if not field.help_text:
                field.help_text = lazy_hint(date_hint)
        elif isinstance(field, forms.TimeField):
            if not isinstance(widget, TimeInput):
                field.widget = TimeInput(attrs=widget.attrs)
            if not field.help_text:
                field.help_text = lazy_hint(time_hint)
