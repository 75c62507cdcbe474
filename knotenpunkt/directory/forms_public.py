"""Filter forms of the public directory pages (GET forms; htmx updates the results)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.filters import FilterChoiceField, SearchFilterForm
from knotenpunkt.core.forms import DistrictModelChoiceField, FilterForm
from knotenpunkt.districts.models import Municipality

from .models import LanguageCode, OrganisationType, TopicCode


def _with_empty(label, choices):
    return [("", label), *choices]


class OrganisationFilterForm(SearchFilterForm):
    """Search the directory by text, municipality, type, topic and language spoken."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    municipality = FilterChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        help_text=_("Shows organisations that work there or for the whole district."),
    )
    type = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=_with_empty(_("All types"), OrganisationType.choices),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_with_empty(_("All topics"), TopicCode.choices)
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=_with_empty(_("All languages"), LanguageCode.choices),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the options show: a search page renders this form on every request.
        self.fields["municipality"].queryset = Municipality.objects.in_district(district).only(
            "pk", "name"
        )

    @property
    def searchable(self):
        """Whether the search can be run: the text is valid (invalid filters are dropped)."""
        return not self.is_bound or self.is_valid()

    def filters(self):
        """Return the keyword arguments for ``organisation_search``; none if invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "municipality": data["municipality"],
            "type": data["type"],
            "topic": data["topic"] or None,
            "language": data["language"] or None,
        }


class MunicipalityChoiceForm(FilterForm):
    """Choose one municipality of the district (an id of another district answers 404)."""

    municipality = DistrictModelChoiceField(
        label=_("Your municipality"),
        queryset=None,
        required=False,
        empty_label=_("Please choose"),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district)

    def chosen_municipality(self):
        """Return the chosen municipality, or ``None``."""
        if not self.is_valid():
            return None
        return self.cleaned_data["municipality"]
