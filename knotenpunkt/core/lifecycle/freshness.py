"""Records that must be confirmed as still correct every N months.

A record keeps the date it was last confirmed in a date field of its own
(``last_confirmed_at``). Confirmed before the *deadline* (today minus the review period),
it is stale: the app may hide it, lists it for its editors and reminds them. The months
come from the app (e.g. ``District.offer_review_months``), the field names too, so each
app calls these functions with its own.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

# The average length of a month, so that "6 months" is the same number of days all year.
DAYS_PER_MONTH = 30.44


def review_period(months: int) -> datetime.timedelta:
    """Return how long a confirmation holds: ``months`` months of 30.44 days."""
    return datetime.timedelta(days=round(months * DAYS_PER_MONTH))


def confirmation_deadline(months: int, today: datetime.date | None = None) -> datetime.date:
    """Return the deadline: records confirmed before this date are stale."""
    return (today or timezone.localdate()) - review_period(months)


def confirmation_due(confirmed_on: datetime.date | None, months: int) -> datetime.date | None:
    """Return the date by which a record confirmed on ``confirmed_on`` must be confirmed
    again, or None if it never was."""
    if confirmed_on is None:
        return None
    return confirmed_on + review_period(months)


def is_stale(confirmed_on: datetime.date | None, deadline: datetime.date) -> bool:
    """Whether a record confirmed on ``confirmed_on`` (None: never) is stale."""
    return confirmed_on is None or confirmed_on < deadline


def confirmed_in_time(field: str, deadline: datetime.date) -> Q:
    """Filter: the records whose date ``field`` is on or after ``deadline`` (not stale)."""
    return Q(**{f"{field}__gte": deadline})


def stale(field: str, deadline: datetime.date) -> Q:
    """Filter: the records never confirmed or confirmed before ``deadline``."""
    return Q(**{f"{field}__lt": deadline}) | Q(**{f"{field}__isnull": True})


def due_for_reminder(field: str, deadline: datetime.date, *, lead: datetime.timedelta) -> Q:
    """Filter: the records that are not stale yet but will be within ``lead``."""
    return Q(**{f"{field}__gte": deadline, f"{field}__lt": deadline + lead})
