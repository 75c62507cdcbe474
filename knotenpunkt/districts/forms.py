from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.forms import DistrictModelChoiceField, FilterForm, add_fingerprint
from knotenpunkt.core.uploads import check_upload_size

from .models import District, Region
from .services import EDITABLE_SETTINGS, SETTINGS_EDIT


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_fingerprint(self, SETTINGS_EDIT)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo is not self.initial.get("logo"):
            check_upload_size(logo.size)
        return logo


class MunicipalityFilterForm(FilterForm):
    """Filter of the public municipalities list (a GET form; htmx updates the results)."""

    query = forms.CharField(label=_("Name contains"), max_length=100, required=False)
    region = DistrictModelChoiceField(
        label=_("Region"), queryset=None, required=False, empty_label=_("All regions")
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.in_district(district).order_by(
            german("name"), "pk"
        )

    def filters(self):
        if not self.is_valid():
            return {}
        return {"query": self.cleaned_data["query"], "region": self.cleaned_data["region"]}
