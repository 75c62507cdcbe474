"""Fetch one object for a view: inside the district, permission checked, 404 otherwise.

"Missing", "in another district" and "not allowed" all answer the same 404, so that a
URL reveals nothing about records of other districts.
"""

from collections.abc import Callable

from django.http import Http404


def get_in_district_or_404(queryset, *, district, may_access: Callable | None = None, **lookup):
    """Return the object matching ``lookup`` within ``district``; 404 if absent or denied."""
    try:
        obj = queryset.in_district(district).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if may_access is not None and not may_access(obj):
        raise Http404
    return obj
