from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import delivery_for
from .models import Delivery


class NotificationSettingsForm(forms.Form):
    """One choice per kind of notification: e-mail at once, daily, or not at all."""

    def __init__(self, *args, kinds, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            field = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=delivery_for(kind, chosen),
            )
            if kind.always_immediate:
                field.disabled = True
                field.help_text = _(
                    "Always by e-mail at once, so that nothing important is missed."
                )
            self.fields[kind.key] = field

    def choices(self) -> dict:
        return {
            kind.key: self.cleaned_data[kind.key]
            for kind in self.kinds
            if not kind.always_immediate
        }
