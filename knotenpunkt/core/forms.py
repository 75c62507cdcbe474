"""Form building blocks shared by every app."""

from django import forms
from django.http import Http404


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Read the choices with one ordinary query.

    Django's iterator reads them through a server-side cursor on PostgreSQL (three round
    trips to the database) so as not to hold many rows in memory; a select box holds at
    most a few hundred, and the search pages render several.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class DistrictModelChoiceField(forms.ModelChoiceField):
    """A choice among one district's records.

    The form offers only the district's own records. An id from another district can only
    come from a tampered request; it gets the same 404 as a foreign id in a URL, and nothing
    is changed.
    """

    iterator = ListedChoiceIterator

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(**{self.to_field_name or "pk": value})
        except (ValueError, TypeError, self.queryset.model.DoesNotExist) as exc:
            raise Http404 from exc


class FilterForm(forms.Form):
    """A form that narrows a list (search, filters): none of its fields is required.

    Its fields are not marked "optional" (components/field.html): in a filter every field is,
    and the mark on each would only be noise.
    """

    is_filter = True


# The hidden field of an edit form that carries the record's fingerprint (see
# core.lifecycle.changes); services take it as their ``fingerprint`` argument.
FINGERPRINT_FIELD = "fingerprint"


def add_fingerprint(form, editable) -> None:
    """Give the edit form of a saved record the record's fingerprint as a hidden field.

    The fingerprint is taken when the form is shown (``form.instance``, untouched then) and
    comes back with the submitted form, so the service can tell whether the record changed
    in between (``StaleEdit``).
    """
    instance = form.instance
    if instance.pk is None:
        return
    form.fields[FINGERPRINT_FIELD] = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        # Called only when an unbound form is shown; a submitted form keeps what it carried.
        initial=lambda: editable.fingerprint(instance),
    )


def add_service_error(form, error) -> None:
    """Show a service's ValidationError at the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
