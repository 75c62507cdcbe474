"""Forms of the offers workspace: the offer with its places and times, review, translations."""

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, When
from django.forms.models import ModelChoiceIterator
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.forms import (
    FINGERPRINT_FIELD,
    DistrictModelChoiceField,
    FilterForm,
    add_fingerprint,
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

# Languages written from right to left: their translation fields get dir="rtl".
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# What a place row and a time row of the offer form offer beyond the rows already saved.
EXTRA_PLACES = 1
EXTRA_TIMES = 2


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


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


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
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "valid_from": _date_input(),
            "valid_until": _date_input(),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            # Shown as groups of checkboxes (offers/partials/_checkbox_group.html).
            "target_groups": forms.CheckboxSelectMultiple(
                attrs={"class": "kern-form-check__checkbox"}
            ),
            "languages": forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        }
        help_texts = {
            "description": _(
                "Simple formatting is possible with HTML: paragraphs, bold and italic text, "
                "lists, headings (h3, h4) and links. Everything else, such as scripts, styles "
                "and images, is removed when saving."
            ),
        }

    def __init__(self, *args, district, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = editable_providers(
            actor, district, Organisation.objects.in_district(district)
        ).order_by("name", "pk")
        self.fields["category"].queryset = Category.objects.in_district(district)
        self.fields["target_groups"].queryset = in_choice_order(
            TargetGroup.objects.all(), TargetGroupCode
        )
        self.fields["languages"].queryset = in_choice_order(
            SpokenLanguage.objects.all(), LanguageCode
        )
        add_fingerprint(self, OFFER_EDIT)


class PlaceForm(forms.ModelForm):
    """One place of an offer, in a municipality of the district."""

    class Meta:
        model = OfferPlace
        fields = PLACE_FIELDS
        field_classes = {"municipality": DistrictModelChoiceField}
        localized_fields = ("latitude", "longitude")

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district).order_by(
            "name"
        )
        for field in ("latitude", "longitude"):
            self.fields[field].widget.attrs.update({"inputmode": "decimal"})


class TimeForm(forms.Form):
    """A weekly time (weekday) or a single date, from … until."""

    weekday = forms.TypedChoiceField(
        label=_label(OfferTime, "weekday"),
        choices=[("", _("– none (a single date) –")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    date = forms.DateField(
        label=_label(OfferTime, "date"),
        required=False,
        widget=_date_input(),
        help_text=_("For a single date instead of a weekday."),
    )
    starts_at = forms.TimeField(label=_label(OfferTime, "starts_at"), widget=_time_input())
    ends_at = forms.TimeField(
        label=_label(OfferTime, "ends_at"),
        required=False,
        widget=_time_input(),
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("weekday") is None) == (cleaned.get("date") is None):
            self.add_error("weekday", _("Give either a weekday or a date."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class BaseRowFormSet(forms.BaseFormSet):
    """Rows of an offer (places, times); saved rows can be removed with a checkbox."""

    delete_label = _("Remove")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label


class BasePlaceFormSet(BaseRowFormSet):
    """Places of an offer: at least one, unless the offer takes place online."""

    delete_label = _("Remove this place")
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


PlaceFormSet = forms.formset_factory(
    PlaceForm,
    formset=BasePlaceFormSet,
    extra=EXTRA_PLACES,
    can_delete=True,
    can_delete_extra=False,
)
TimeFormSet = forms.formset_factory(
    TimeForm, formset=BaseTimeFormSet, extra=EXTRA_TIMES, can_delete=True, can_delete_extra=False
)


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
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=OfferForm.Meta.help_texts["description"],
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language in RTL_LANGUAGES else "ltr"
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
