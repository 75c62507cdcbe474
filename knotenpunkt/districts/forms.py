from django import forms

from .models import District
from .services import EDITABLE_SETTINGS


class DistrictSettingsForm(forms.ModelForm):
    office_website = forms.URLField(
        label=District._meta.get_field("office_website").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = District
        fields = EDITABLE_SETTINGS
        widgets = {
            "imprint_text": forms.Textarea(attrs={"rows": 8}),
            "privacy_text": forms.Textarea(attrs={"rows": 8}),
            "accessibility_text": forms.Textarea(attrs={"rows": 8}),
        }
