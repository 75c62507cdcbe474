"""GET forms of the embeddable catalogue, of the page that builds its snippet, and of the
feed of new offers."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.forms import DistrictModelChoiceField, FilterForm
from knotenpunkt.directory.models import Organisation
from knotenpunkt.districts.models import Municipality

from .models import Category

# Nobody types more; longer texts (pasted by accident or by a robot) are cut, not refused.
MAX_SEARCH_LENGTH = 200


class SearchField(forms.CharField):
    """Free text of any length and script: NUL characters removed, spaces collapsed, cut."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.replace("\x00", " ").split())[:MAX_SEARCH_LENGTH]


def language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


def chosen_language(value, default):
    """Return ``value`` if it is a language of the site, else ``default``."""
    return value if value in {code for code, _name in settings.LANGUAGES} else default


class EmbedFilterForm(FilterForm):
    """The embedded catalogue: a search text; the municipality or organisation is fixed by
    the snippet and travels along in hidden fields (an id of another district: 404)."""

    q = SearchField(label=_("Search offers"), required=False)
    municipality = DistrictModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    provider = DistrictModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district)
        self.fields["provider"].queryset = Organisation.objects.in_district(district)

    def filters(self):
        """Return the keyword arguments for ``offer_search``."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"],
            "municipality": data["municipality"],
            "provider": data["provider"],
        }


class EmbedSnippetForm(FilterForm):
    """What a partner's snippet shows: the offers for a municipality and/or of an
    organisation, in a language."""

    municipality = DistrictModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        help_text=_("Offers with a place there, online offers and offers for the whole district."),
    )
    provider = DistrictModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("All organisations"),
        help_text=_("Only the offers of this organisation."),
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=language_choices,
        help_text=_("Where an offer is not translated, its German text is shown."),
    )

    def __init__(self, *args, district, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district).only(
            "pk", "name"
        )
        self.fields["provider"].queryset = providers.only("pk", "name").order_by(
            german("name"), "pk"
        )

    def embed_query(self):
        """Return the query parameters of the embed URL, or None if the form is invalid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        query = {}
        if data["municipality"] is not None:
            query["municipality"] = data["municipality"].pk
        if data["provider"] is not None:
            query["provider"] = data["provider"].pk
        if data["lang"]:
            query["lang"] = data["lang"]
        return query


class FeedFilterForm(FilterForm):
    """The filters of the Atom feed (query parameters; an id of another district: 404)."""

    municipality = DistrictModelChoiceField(queryset=None, required=False)
    category = DistrictModelChoiceField(queryset=None, required=False)
    provider = DistrictModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district)
        self.fields["category"].queryset = Category.objects.in_district(district)
        self.fields["provider"].queryset = Organisation.objects.in_district(district)

    def filters(self):
        """Return the keyword arguments for ``offer_search`` (only the filters given)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value is not None}
