"""GET forms of filters (search pages): old bookmarks keep working.

A filter's value in a link may no longer exist (a municipality merged, a category deleted,
an organisation no longer public) or may never have been valid. The page then shows what
the other filters find, with the filter dropped and a note, rather than a 404 that loses
the visitor. Old parameter names (``query`` before ``q``) are read as the new ones.
"""

from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .forms import DistrictModelChoiceField, FilterForm

# The text of every search is ``q``, as in the API; links of old read ``query``.
RENAMED_PARAMETERS = {"query": "q"}
DROPPED_FILTER_NOTE = _("A filter in the link no longer exists and was ignored.")


def renamed_parameters(params):
    """Return a mutable copy of ``params`` (a QueryDict) with old names read as new ones."""
    renamed = QueryDict(mutable=True)
    for name, values in params.lists():
        new = RENAMED_PARAMETERS.get(name)
        if new is None:
            renamed.setlist(name, values)
        elif new not in params:  # in place of the old one, so that links keep their order
            renamed.setlist(new, values)
    return renamed


class CountedSelect(forms.Select):
    """A select box whose options say how many results they show; those that show none
    are marked (``kp-option--none``), so that a reader sees them at a glance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.without_results = set()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value != "" and str(value) in self.without_results:
            option["attrs"]["class"] = "kp-option--none"
        return option


class FilterChoiceField(DistrictModelChoiceField):
    """A choice among one district's records in a filter: an unknown id is invalid (and
    dropped by ``SearchFilterForm``), not a 404."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(**{self.to_field_name or "pk": value})
        except (ValueError, TypeError, self.queryset.model.DoesNotExist) as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc


class SearchFilterForm(FilterForm):
    """A search form whose invalid filters are dropped, not shown as errors (the filters
    of public search pages, which people bookmark).

    ``kept_errors``: the fields whose errors the visitor should see and fix (the search
    text that is too long); every other field with an invalid value is left out and named
    in ``dropped`` (the page shows ``DROPPED_FILTER_NOTE``).
    """

    kept_errors = ("q",)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = renamed_parameters(data) or None
        super().__init__(data, *args, **kwargs)
        self.dropped = []

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        invalid = [
            name for name in self._errors if name in self.fields and name not in self.kept_errors
        ]
        if not invalid:
            return
        for name in invalid:
            self.data.pop(name, None)
        self.dropped = invalid
        # Check again without them: what the page shows is what the rest finds.
        super().full_clean()

    @property
    def dropped_note(self):
        return DROPPED_FILTER_NOTE if self.dropped else ""

    # Parameters that are no filter: kept by "remove this filter", dropped by the resets.
    not_filters = ("q", "page", "sort")

    def _link(self, **changes):
        """The query string (``?…``, or ``?`` alone) of this search with ``changes``:
        a name mapped to None is left out."""
        params = [
            (name, value)
            for name, values in (self.data.lists() if self.is_bound else [])
            for value in values
            if name not in changes and name != "page" and value != ""
        ]
        params += [(name, value) for name, value in changes.items() if value is not None]
        return "?" + urlencode(params)

    @property
    def text(self):
        """The search text as given (valid or not)."""
        return (self.data.get("q") or "").strip() if self.is_bound else ""

    def active_filters(self):
        """The filters set, each as ``{"label", "value", "remove"}`` (a link without it)."""
        if not self.is_bound or not self.is_valid():
            return []
        chips = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name in self.not_filters or value in (None, "", False, [], ()):
                continue
            chips.append(
                {
                    "name": name,
                    "label": field.label,
                    "value": self.value_label(name, value),
                    "remove": self._link(**{name: None}),
                }
            )
        return chips

    def value_label(self, name, value):
        """How the chip names the chosen ``value`` of the filter ``name``."""
        field = self.fields[name]
        if isinstance(field, forms.BooleanField):
            return ""
        if isinstance(field, forms.ModelChoiceField):
            return str(value)
        return str(dict(field.choices).get(value, value))

    def reset_links(self):
        """Ways back from an empty result: without the filters but with the text (None if
        there are no filters or no text), and without the text (None without one). The
        page itself, without any parameter, is the third."""
        filters = [
            name
            for name, values in (self.data.lists() if self.is_bound else [])
            if name not in self.not_filters and any(values)
        ]
        keep = {"sort": self.data.get("sort") or None} if self.is_bound else {}
        return {
            "keep_text": self._link(**dict.fromkeys(filters), **{"q": self.text} | keep)
            if filters and self.text and "q" not in self.errors
            else None,
            "without_text": self._link(q=None) if self.text else None,
        }
