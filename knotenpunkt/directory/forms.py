"""Forms of the directory workspace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.forms import DistrictModelChoiceField, FilterForm, add_fingerprint
from knotenpunkt.core.widgets import use_shared_widgets
from knotenpunkt.districts.models import Municipality

from .models import (
    ContactPerson,
    OfficeUnit,
    Organisation,
    OrganisationType,
    SpokenLanguage,
    Topic,
)
from .services import CONTACT_EDIT, ORGANISATION_EDIT

ORGANISATION_FORM_FIELDS = (
    "name",
    "type",
    "municipality",
    "street",
    "postal_code",
    "city",
    "phone",
    "fax",
    "email",
    "website",
    "opening_hours",
    "description",
    "languages",
    "topics",
    "serves_whole_district",
    "municipalities",
    "is_public",
    "speaker",
)
CONTACT_FORM_FIELDS = (
    "name",
    "function",
    "phone",
    "fax",
    "email",
    "office_hours",
    "languages",
    "is_public",
    "unit",
    "deputy",
    "position",
)


def _municipalities(district):
    return Municipality.objects.in_district(district).order_by(german("name"), "pk")


class OrganisationForm(forms.ModelForm):
    """Create or change an organisation; choices are limited to the district's records.

    ``may_move`` is False for editors who edit only some organisations: they cannot move
    an entry to another seat (and so out of their own reach).
    """

    website = forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FORM_FIELDS
        field_classes = {
            "municipality": DistrictModelChoiceField,
            "speaker": DistrictModelChoiceField,
        }
        widgets = {
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "fax": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, district, may_move=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _municipalities(district)
        self.fields["municipalities"].queryset = _municipalities(district)
        self.fields["languages"].queryset = SpokenLanguage.objects.all()
        self.fields["topics"].queryset = Topic.objects.all()
        if self.instance.pk:
            self.fields["speaker"].queryset = ContactPerson.objects.in_district(district).filter(
                organisation=self.instance
            )
        else:
            # A new organisation has no contacts yet to choose a speaker from.
            del self.fields["speaker"]
        if not may_move:
            self.fields["municipality"].disabled = True
        add_fingerprint(self, ORGANISATION_EDIT)
        use_shared_widgets(self)


class OrganisationFilterForm(FilterForm):
    """Filter of the workspace list (GET)."""

    query = forms.CharField(label=_("Name contains"), max_length=100, required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
    )
    municipality = DistrictModelChoiceField(
        label=_("Seat (municipality)"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _municipalities(district)

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ContactPersonForm(forms.ModelForm):
    """A contact person; for the district office also the unit and the deputy."""

    unit = DistrictModelChoiceField(label=_("unit"), queryset=None, required=False)
    deputy = DistrictModelChoiceField(
        label=_("deputy"),
        queryset=None,
        required=False,
        help_text=_("Who stands in for this person: another contact of the same office."),
    )

    class Meta:
        model = ContactPerson
        fields = CONTACT_FORM_FIELDS
        widgets = {
            "office_hours": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "fax": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = SpokenLanguage.objects.all()
        add_fingerprint(self, CONTACT_EDIT)
        use_shared_widgets(self)
        organisation = self.instance.organisation
        if organisation.type != OrganisationType.DISTRICT_OFFICE:
            # Units and deputies belong to the staff directory of the district office.
            del self.fields["unit"]
            del self.fields["deputy"]
            return
        self.fields["unit"].queryset = OfficeUnit.objects.in_district(district)
        colleagues = ContactPerson.objects.in_district(district).filter(organisation=organisation)
        if self.instance.pk:
            colleagues = colleagues.exclude(pk=self.instance.pk)
        self.fields["deputy"].queryset = colleagues.order_by(german("name"), "pk")
