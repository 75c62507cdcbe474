"""Form building blocks shared by every app."""

from django import forms
from django.http import Http404


class DistrictModelChoiceField(forms.ModelChoiceField):
    """A choice among one district's records.

    The form offers only the district's own records. An id from another district can only
    come from a tampered request; it gets the same 404 as a foreign id in a URL, and nothing
    is changed.
    """

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(**{self.to_field_name or "pk": value})
        except (ValueError, TypeError, self.queryset.model.DoesNotExist) as exc:
            raise Http404 from exc
