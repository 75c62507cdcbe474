from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.forms import FilterForm

from .models import MailState
from .selectors import NOT_DELIVERED


class MailLogFilterForm(FilterForm):
    """Filter of the delivery log (GET)."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), (NOT_DELIVERED, _("Not delivered")), *MailState.choices],
    )

    def state_filter(self) -> str:
        return self.cleaned_data["state"] if self.is_valid() else ""
