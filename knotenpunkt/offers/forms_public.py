"""The filter form of the public offers catalogue (a GET form; htmx updates the results).

Every select box shows, beside each option, how many offers choosing it would show: the
search and the other filters apply, the box's own choice does not (see ``search.Facets``).
"""

from django import forms
from django.db.models import F
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.collation import german
from knotenpunkt.core.filters import CountedSelect, FilterChoiceField, SearchFilterForm
from knotenpunkt.directory.models import LanguageCode, Organisation
from knotenpunkt.districts.models import Municipality

from . import search
from .models import Category, TargetGroupCode, category_label

SORT_CHOICES = [
    (search.SORT_RELEVANCE, _("Best match")),
    (search.SORT_NAME, _("Name (A–Z)")),
    (search.SORT_NEWEST, _("Newest first")),
]
FACET_FIELDS = ("category", "municipality", "language", "target_group", "free")


def _with_empty(label, choices):
    return [("", label), *choices]


def _counted(label, count):
    return gettext("%(label)s (%(count)s)") % {"label": label, "count": count}


class SearchInput(forms.TextInput):
    input_type = "search"


class OfferFilterForm(SearchFilterForm):
    """Search the offers by text, category, municipality, language, target group, cost.

    An invalid filter in a link (an old bookmark) is dropped with a note (``SearchFilterForm``).
    """

    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=SearchInput,
        help_text=_("For example: Deutschkurs, Beratung, Sprachcafé."),
    )
    category = FilterChoiceField(
        label=_("Category"),
        queryset=None,
        required=False,
        empty_label=_("All categories"),
        widget=CountedSelect,
    )
    municipality = FilterChoiceField(
        label=_("Municipality"),
        widget=CountedSelect,
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        help_text=_("Includes offers online and for the whole district."),
    )
    language = forms.ChoiceField(
        label=_("Language of the offer"),
        widget=CountedSelect,
        required=False,
        choices=_with_empty(_("All languages"), LanguageCode.choices),
    )
    target_group = forms.ChoiceField(
        label=_("For whom"),
        widget=CountedSelect,
        required=False,
        choices=_with_empty(_("All target groups"), TargetGroupCode.choices),
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORT_CHOICES, initial=search.SORT_RELEVANCE
    )
    # From the directory's organisation page ("the offers of this organisation").
    provider = FilterChoiceField(
        queryset=None, required=False, widget=forms.HiddenInput, label=_("Provider")
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = get_language() or "de"
        # Parents first, each followed by its sub-categories. The options are read as plain
        # rows and labelled with their counts (``show_counts``); the querysets only check
        # the chosen id.
        self.fields["category"].queryset = Category.objects.in_district(district)
        self.categories = list(
            Category.objects.in_district(district)
            .order_by(
                F("parent__position").asc(nulls_first=True),
                german("parent__name", nulls_first=True),
                "position",
                german("name"),
            )
            .values_list("pk", "parent_id", "name", "translations")
        )
        self.fields["municipality"].queryset = Municipality.objects.in_district(district)
        self.municipalities = list(
            Municipality.objects.in_district(district)
            .order_by(german("name"), "pk")
            .values_list("pk", "name")
        )
        # Public organisations only: an internal one is not named to visitors.
        self.fields["provider"].queryset = (
            Organisation.objects.in_district(district).filter(is_public=True).only("pk", "name")
        )
        self.facets = None

    def _set_place_choices(self):
        """The options of the category and municipality boxes, with counts once known."""
        category, municipality = self.fields["category"], self.fields["municipality"]
        category.choices = _with_empty(
            category.empty_label,
            [
                (pk, self._category_label(pk, parent, name, translations))
                for pk, parent, name, translations in self.categories
            ],
        )
        municipality.choices = _with_empty(
            municipality.empty_label,
            [(pk, self._municipality_label(pk, name)) for pk, name in self.municipalities],
        )

    def filters(self):
        """Return the keyword arguments for ``offer_search``; none if invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "category": data["category"],
            "municipality": data["municipality"],
            "language": data["language"] or None,
            "target_group": data["target_group"] or None,
            "free": data["free"],
            "provider": data["provider"],
            "sort": data["sort"] or search.SORT_RELEVANCE,
        }

    @property
    def searchable(self):
        """Whether the search can be run: the text is valid (invalid filters are dropped)."""
        return not self.is_bound or self.is_valid()

    def value_label(self, name, value):
        if name == "category":
            return category_label(value.name, value.translations, self.language)
        if name == "language":
            return str(LanguageCode(value).label)
        if name == "target_group":
            return str(TargetGroupCode(value).label)
        return super().value_label(name, value)

    @property
    def chosen_provider(self):
        return self.cleaned_data.get("provider") if self.is_valid() else None

    def facet_fields(self):
        return [self[name] for name in FACET_FIELDS]

    def show_counts(self, facets):
        """Put the number of offers beside each option (``facets``: ``search.Facets``)."""
        self.facets = facets
        self.fields["language"].choices = _with_empty(
            _("All languages"),
            [
                (code, _counted(label, facets.languages.get(code, 0)))
                for code, label in LanguageCode.choices
            ],
        )
        self.fields["target_group"].choices = _with_empty(
            _("All target groups"),
            [
                (code, _counted(label, facets.target_groups.get(code, 0)))
                for code, label in TargetGroupCode.choices
            ],
        )
        self._set_place_choices()
        # Options that would show nothing are marked (the counts say "(0)" too).
        self._mark_without_results("category", [pk for pk, *_rest in self.categories])
        self._mark_without_results("municipality", [pk for pk, _name in self.municipalities])
        self._mark_without_results("language", LanguageCode.values)
        self._mark_without_results("target_group", TargetGroupCode.values)
        # The bound field has copied the label already (when the form was validated).
        self["free"].label = _counted(_("Free of charge only"), facets.free)

    def _count(self, name, key):
        facets = self.facets
        if name == "municipality":
            return facets.for_municipality(key)
        counts = {"category": facets.categories, "language": facets.languages}
        return counts.get(name, facets.target_groups).get(key, 0)

    def _mark_without_results(self, name, keys):
        self.fields[name].widget.without_results = {
            str(key) for key in keys if not self._count(name, key)
        }

    def _category_label(self, pk, parent, name, translations):
        label = category_label(name, translations, self.language)
        if parent:
            label = f"– {label}"
        if self.facets is None:
            return label
        return _counted(label, self.facets.categories.get(pk, 0))

    def _municipality_label(self, pk, name):
        if self.facets is None:
            return name
        return _counted(name, self.facets.for_municipality(pk))
