"""Forms of the offers workspace: the offer with its places and times, review, translations."""

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, When
from django.forms.models import ModelChoiceIterator
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core import geocoding
from knotenpunkt.core.collation import german
from knotenpunkt.core.forms import (
    FINGERPRINT_FIELD,
    DistrictModelChoiceField,
    FilterForm,
    add_fingerprint,
)
from knotenpunkt.core.formsets import CappedFormSet, capped_formset_factory, show_without_errors
from knotenpunkt.core.i18n import text_direction
from knotenpunkt.core.richtext import RichTextFormField
from knotenpunkt.core.widgets import (
    CheckboxList,
    DateField,
    DateInput,
    TimeField,
    use_shared_widgets,
)
from knotenpunkt.directory.models import LanguageCode, Organisation, SpokenLanguage
from knotenpunkt.districts.models import Municipality

from .models import (
    Category,
    Offer,
    OfferPlace,
    OfferState,
    OfferTime,
    TargetGroup,
    TargetGroupCode,
    Weekday,
)
from .permissions import editable_providers
from .services import OFFER_EDIT, OFFER_FIELDS, OFFER_M2M_FIELDS, PLACE_FIELDS, TIME_FIELDS

# The most places and times an offer takes (core.formsets refuses more before building them).
MAX_PLACES = 20
MAX_TIMES = 30
# The address fields of a place: when they change and the pin does not, the place is looked
# up again (core.geocoding), or put in the centre of its municipality.
ADDRESS_FIELDS = ("street", "postal_code", "city", "municipality")


def in_choice_order(queryset, choices):
    """Order reference rows (by ``code``) as their choices list them, not alphabetically by
    code: "Everyone" first, German and English before the other languages."""
    position = Case(
        *[When(code=code, then=index) for index, code in enumerate(choices.values)],
        output_field=IntegerField(),
    )
    return queryset.order_by(position, "code")


def translation_languages():
    """Return ``(code, name)`` of the languages offers are translated into (all but German)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def category_tree(categories):
    """Return ``(category, depth)`` in tree order: each category followed by its children."""
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    known = {category.pk for category in categories}
    roots = [c for c in categories if c.parent_id is None or c.parent_id not in known]
    ordered, seen = [], set()

    def walk(nodes, depth):
        for node in sorted(nodes, key=lambda c: (c.position, c.name)):
            if node.pk in seen:
                continue
            seen.add(node.pk)
            ordered.append((node, depth))
            walk(children.get(node.pk, []), depth + 1)

    walk(roots, 0)
    return ordered


class CategoryTreeIterator(ModelChoiceIterator):
    """Offer the categories in tree order, subcategories indented below their parent."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for category, depth in category_tree(list(self.queryset)):
            # Non-breaking spaces indent visually; screen readers skip them.
            label = "\u00a0" * 4 * depth + category.name
            yield (self.choice(category)[0], label)


class CategoryChoiceField(DistrictModelChoiceField):
    iterator = CategoryTreeIterator


def _label(model, field):
    """Return the verbose name of a model field as a form label (capitalised, still lazy)."""
    return capfirst(model._meta.get_field(field).verbose_name)


class OfferForm(forms.ModelForm):
    """The fields of an offer. Providers and categories are limited to the actor's district
    (and the providers to those the actor writes for); a foreign id answers 404."""

    website = forms.URLField(
        label=_label(Offer, "website"),
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Offer
        fields = (*OFFER_FIELDS, *OFFER_M2M_FIELDS)
        field_classes = {"provider": DistrictModelChoiceField, "category": CategoryChoiceField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            # Checkbox lists in a fieldset (components/checkbox_list.html).
            "target_groups": CheckboxList(),
            "languages": CheckboxList(),
        }

    def __init__(self, *args, district, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = editable_providers(
            actor, district, Organisation.objects.in_district(district)
        ).order_by(german("name"), "pk")
        self.fields["category"].queryset = Category.objects.in_district(district)
        self.fields["target_groups"].queryset = in_choice_order(
            TargetGroup.objects.all(), TargetGroupCode
        )
        self.fields["languages"].queryset = in_choice_order(
            SpokenLanguage.objects.all(), LanguageCode
        )
        add_fingerprint(self, OFFER_EDIT)
        use_shared_widgets(self)


class CoordinateField(forms.DecimalField):
    """A latitude or longitude set by the map's pin (hidden); a decimal comma is read, too."""

    widget = forms.HiddenInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class PlaceForm(forms.ModelForm):
    """One place of an offer, in a municipality of the district.

    Nobody types coordinates: the pin on the map sets them (static/js/forms.js). Where the
    pin was not set or moved, the address is looked up (core.geocoding), and the centre of
    the municipality stands in when that is off or finds nothing.
    """

    class Meta:
        model = OfferPlace
        fields = PLACE_FIELDS
        field_classes = {
            "municipality": DistrictModelChoiceField,
            "latitude": CoordinateField,
            "longitude": CoordinateField,
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        changed = set(self.changed_data)
        moved = bool(changed & {"latitude", "longitude"})
        if changed & set(ADDRESS_FIELDS) and not moved:
            cleaned["latitude"], cleaned["longitude"] = place_coordinates(cleaned)
        return cleaned


def place_coordinates(place):
    """Return the coordinates of an address: looked up, or its municipality's centre."""
    latitude, longitude, _found = locate(place)
    return latitude, longitude


def locate(place):
    """Return ``(latitude, longitude, found)`` of a place: the address looked up
    (``found``), else the centre of its municipality (coordinates None if it has none)."""
    municipality = place.get("municipality")
    found = geocoding.geocode(
        street=place.get("street") or "",
        postal_code=place.get("postal_code") or "",
        city=place.get("city") or getattr(municipality, "name", ""),
    )
    if found:
        return (*found, True)
    return getattr(municipality, "latitude", None), getattr(municipality, "longitude", None), False


class TimeForm(forms.Form):
    """A weekly time (weekday) or a single date, from … until."""

    weekday = forms.TypedChoiceField(
        label=_label(OfferTime, "weekday"),
        choices=[("", _("– none (a single date) –")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    date = DateField(
        label=_label(OfferTime, "date"),
        required=False,
        help_text=_("For a single date instead of a weekday."),
    )
    starts_at = TimeField(label=_label(OfferTime, "starts_at"))
    ends_at = TimeField(label=_label(OfferTime, "ends_at"), required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("weekday") is None) == (cleaned.get("date") is None):
            self.add_error("weekday", _("Give either a weekday or a date."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


def focus_first_field(form):
    """Put the focus on the first visible field of ``form`` when the page (or row) loads."""
    for field in form.visible_fields():
        field.field.widget.attrs["autofocus"] = True
        return


class BaseRowFormSet(CappedFormSet):
    """Rows of an offer (places, times); every row can be removed with a checkbox."""

    delete_label = _("Remove")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label


class BasePlaceFormSet(BaseRowFormSet):
    """Places of an offer: at least one, unless the offer takes place online."""

    delete_label = _("Remove this place")
    row_label = _("Place")
    is_online = False

    def clean(self):
        if any(self.errors):
            return
        if not self.is_online and not rows(self):
            raise forms.ValidationError(
                _("Give at least one place, or tick “takes place online”."),
                code="no_place",
            )


class BaseTimeFormSet(BaseRowFormSet):
    delete_label = _("Remove this time")
    row_label = _("Time")


# One empty row when there is none yet; more are added in the form ("Add a place").
PlaceFormSet = capped_formset_factory(
    PlaceForm, formset=BasePlaceFormSet, extra=1, can_delete=True, max_num=MAX_PLACES
)
TimeFormSet = capped_formset_factory(
    TimeForm, formset=BaseTimeFormSet, extra=1, can_delete=True, max_num=MAX_TIMES
)
# The formsets of the offer form by prefix: a row can be added to each in the browser.
ROW_FORMSETS = {"places": PlaceFormSet, "times": TimeFormSet}


def rows(formset):
    """Return the cleaned rows of ``formset`` that are filled in and not marked for removal."""
    result = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if data and not data.get("DELETE"):
            result.append({key: value for key, value in data.items() if key != "DELETE"})
    return result


class OfferForms:
    """The offer form with its place and time formsets, validated and shown as one."""

    def __init__(self, data=None, *, district, actor, offer=None):
        instance = offer if offer is not None else Offer(district=district)
        self.form = OfferForm(data, instance=instance, district=district, actor=actor)
        places = times = None
        if offer is not None:
            places = [
                {field: getattr(place, field) for field in PLACE_FIELDS}
                for place in offer.places.all()
            ]
            times = [
                {field: getattr(time, field) for field in TIME_FIELDS} for time in offer.times.all()
            ]
        self.places = PlaceFormSet(
            data, initial=places, prefix="places", form_kwargs={"district": district}
        )
        self.times = TimeFormSet(data, initial=times, prefix="times")
        # Fewer tab stops: an empty row only where there is none yet.
        self.places.extra = 0 if places else 1
        self.times.extra = 0 if times else 1
        # The prefix of the formset that got a row just now ("Add a place" without JavaScript).
        self.added_row = None

    @property
    def all(self):
        """The form and its formsets, for the error summary."""
        return [self.form, self.places, self.times]

    def show_added_row(self, prefix):
        """Show the form again, unsaved and without errors, its new row of ``prefix`` focused."""
        show_without_errors(self.form, self.places, self.times)
        self.added_row = prefix
        formset = getattr(self, prefix) if prefix else None
        if formset is not None and formset.forms:
            focus_first_field(formset.forms[-1])

    def is_valid(self):
        form_valid = self.form.is_valid()
        self.places.is_online = bool(self.form.cleaned_data.get("is_online"))
        # Validate everything, so that every mistake is shown at once.
        places_valid = self.places.is_valid()
        times_valid = self.times.is_valid()
        return form_valid and places_valid and times_valid

    @property
    def has_errors(self):
        if not self.form.is_bound:
            return False
        return bool(
            self.form.errors or self.places.total_error_count() or self.times.total_error_count()
        )

    def service_kwargs(self):
        """Return the keyword arguments of ``offer_create``/``offer_update``."""
        kwargs = {
            "values": {field: self.form.cleaned_data[field] for field in self.form.Meta.fields},
            "places": rows(self.places),
            "times": rows(self.times),
        }
        if FINGERPRINT_FIELD in self.form.cleaned_data:
            kwargs["fingerprint"] = self.form.cleaned_data[FINGERPRINT_FIELD]
        return kwargs


class OfferFilterForm(FilterForm):
    """Filter of the workspace list (GET)."""

    PENDING = "pending_change"
    # What needs the editor (offers.selectors.offers_needing); the home's panels link here.
    NEEDS = {
        "sent_back": _("Sent back to you"),
        "due": _("To be confirmed soon"),
        "outdated_translation": _("With an outdated translation"),
    }

    query = forms.CharField(label=_("Title contains"), max_length=100, required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All states")),
            *OfferState.choices,
            (PENDING, _("With a pending change")),
            *NEEDS.items(),
        ],
    )

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("What should be changed?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("The authors see this note with the offer and can change it."),
    )


class TranslationForm(forms.Form):
    """The text of an offer in one language; right-to-left languages are written so."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = RichTextFormField(label=_("Description"), required=False)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        direction = text_direction(language)
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": direction})


class CategoryForm(forms.ModelForm):
    """A category of the district's tree, with its names in the other languages."""

    slug = forms.SlugField(
        label=_label(Category, "slug"),
        max_length=60,
        required=False,
        help_text=_("Used in addresses. Leave empty to derive it from the German name."),
    )

    class Meta:
        model = Category
        fields = ("name", "slug", "parent", "position")
        field_classes = {"parent": CategoryChoiceField}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Category.objects.in_district(district)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("– none (a top-level category) –")
        translations = self.instance.translations or {}
        for code, name in translation_languages():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": name},
                max_length=100,
                required=False,
                initial=translations.get(code, ""),
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = slugify(cleaned["name"])[:60]
        return cleaned

    def service_values(self):
        translations = {
            code: self.cleaned_data[f"name_{code}"].strip()
            for code, _name in translation_languages()
            if self.cleaned_data.get(f"name_{code}", "").strip()
        }
        values = {field: self.cleaned_data[field] for field in self.Meta.fields}
        return {**values, "translations": translations}
