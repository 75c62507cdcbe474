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


def error_summary(*items):
    """Return the entries of the error summary above a form: ``{"href", "label", "message"}``.

    ``items`` are forms and formsets (core.formsets). A field's entry links to the field (a
    checkbox list to its first checkbox, a hidden field to its row), so that the person can
    go from the summary straight to what needs correcting.
    """
    from django.forms.formsets import BaseFormSet

    entries = []
    for item in items:
        if item is None or not item.is_bound:
            continue
        if isinstance(item, BaseFormSet):
            for message in item.non_form_errors():
                entries.append({"href": f"#{item.prefix}", "label": "", "message": message})
            row_label = getattr(item, "row_label", "")
            for index, form in enumerate(item.forms):
                if getattr(form, "cleaned_data", {}).get("DELETE"):
                    continue
                label = f"{row_label} {index + 1}"
                entries.extend(_form_entries(form, row=label, row_id=form.prefix))
        else:
            entries.extend(_form_entries(item))
    return entries


def _form_entries(form, *, row="", row_id=""):
    entries = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            field, href = None, f"#{row_id}" if row_id else ""
        else:
            field = form[name]
            href = f"#{_target_id(field, row_id)}"
        label = str(field.label) if field is not None and not field.is_hidden else ""
        if row:
            label = f"{row}: {label}" if label else str(row)
        for message in errors:
            entries.append(
                {"href": href if href != "#" else "", "label": label, "message": message}
            )
    return entries


def _target_id(field, row_id):
    """The element the error summary links to for ``field``."""
    if field.is_hidden:
        return row_id
    if isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id
