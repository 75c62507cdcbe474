"""Formsets with a cap: rows a person adds and removes in one form (places, times, …).

A formset builds one form per row the request claims (``TOTAL_FORMS``). Without a cap, a
request that claims 100,000 rows builds and renders a thousand forms (Django's own limit)
and keeps the server busy for seconds. Every formset of the project comes from
``capped_formset_factory``: it refuses a request that claims more rows than allowed before
building a single form, with a message, and changes nothing.
"""

from django import forms
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# The most rows a formset takes unless its factory says otherwise.
MAX_ROWS = 30


class CappedFormSet(forms.BaseFormSet):
    """A formset that refuses more than ``absolute_max`` rows before building any form."""

    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": ngettext_lazy(
            "At most %(num)d row can be given here. Nothing has been saved.",
            "At most %(num)d rows can be given here. Nothing has been saved.",
            "num",
        ),
    }
    # The label of a row ("Place"), used by the error summary: "Place 2: Municipality".
    row_label = _("Row")

    @cached_property
    def claimed_rows(self):
        """Return how many rows the request claims (0 when unbound or unreadable)."""
        if not self.is_bound:
            return 0
        form = ManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix)
        if not form.is_valid():
            return 0
        return form.cleaned_data[TOTAL_FORM_COUNT]

    @property
    def is_over_cap(self):
        return self.claimed_rows > self.absolute_max

    @cached_property
    def management_form(self):
        if not self.is_over_cap:
            return super().management_form
        # Build no row at all, and show the form again with none.
        data = {
            self.add_prefix(TOTAL_FORM_COUNT): 0,
            self.add_prefix(INITIAL_FORM_COUNT): 0,
        }
        form = ManagementForm(
            data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer
        )
        form.full_clean()
        return form

    def full_clean(self):
        super().full_clean()
        if self.is_over_cap:
            self._non_form_errors = self.error_class(
                [
                    forms.ValidationError(
                        self.error_messages["too_many_forms"] % {"num": self.absolute_max},
                        code="too_many_forms",
                    )
                ],
                error_class="nonform",
                renderer=self.renderer,
            )

    @property
    def can_add_row(self):
        return self.total_form_count() < self.max_num

    def new_row(self, index):
        """Return the empty form of row ``index`` (a row added in the browser)."""
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix(index),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
            **self.get_form_kwargs(index),
        )
        self.add_fields(form, index)
        return form


def capped_formset_factory(form, *, formset=CappedFormSet, max_num=MAX_ROWS, **kwargs):
    """Return a formset class of ``form`` that takes at most ``max_num`` rows."""
    if not issubclass(formset, CappedFormSet):
        raise TypeError("The formset must derive from core.formsets.CappedFormSet.")
    return forms.formset_factory(
        form,
        formset=formset,
        max_num=max_num,
        absolute_max=max_num,
        validate_max=True,
        **kwargs,
    )


def with_one_more_row(data, prefix, max_num):
    """Return a copy of the submitted ``data`` that claims one more row of ``prefix``.

    The no-JavaScript way to add a row: the form is shown again, unsaved, with an empty row.
    Return None when the formset already has as many rows as it takes.
    """
    key = f"{prefix}-{TOTAL_FORM_COUNT}"
    try:
        total = int(data.get(key, ""))
    except ValueError:
        return None
    if total < 0 or total >= max_num:
        return None
    data = data.copy()
    data[key] = str(total + 1)
    return data


def show_without_errors(*forms_and_formsets):
    """Mark bound forms and formsets as checked without errors: show them as they were sent.

    For a form shown again only to add a row: nobody asked to save, so nothing is wrong yet.
    """
    from django.forms.utils import ErrorDict, ErrorList

    for item in forms_and_formsets:
        if isinstance(item, forms.BaseFormSet):
            item._errors = []
            item._non_form_errors = ErrorList(error_class="nonform")
            show_without_errors(*item.forms)
        else:
            item._errors = ErrorDict()
