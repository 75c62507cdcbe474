"""Freshness: records confirmed every N months, stale ones and those due for a reminder.

Directory entries serve as the example records; any model with a date field would do.
"""

import datetime

from knotenpunkt.core.lifecycle import freshness
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.tests.factories import OrganisationFactory

TODAY = datetime.date(2026, 7, 1)


def test_a_month_counts_as_30_44_days():
    assert freshness.review_period(6) == datetime.timedelta(days=183)
    assert freshness.review_period(12) == datetime.timedelta(days=365)


def test_the_deadline_lies_one_review_period_before_today():
    assert freshness.confirmation_deadline(6, TODAY) == TODAY - datetime.timedelta(days=183)


def test_a_record_is_due_one_period_after_its_confirmation_and_never_if_never_confirmed():
    confirmed = datetime.date(2026, 1, 1)

    assert freshness.confirmation_due(confirmed, 6) == confirmed + datetime.timedelta(days=183)
    assert freshness.confirmation_due(None, 6) is None


def test_stale_means_never_confirmed_or_confirmed_before_the_deadline(district):
    deadline = freshness.confirmation_deadline(6, TODAY)
    never = OrganisationFactory(district=district, last_confirmed_at=None)
    before = OrganisationFactory(district=district, last_confirmed_at=deadline - _days(1))
    on_time = OrganisationFactory(district=district, last_confirmed_at=deadline)

    stale = Organisation.objects.filter(freshness.stale("last_confirmed_at", deadline))
    fresh = Organisation.objects.filter(freshness.confirmed_in_time("last_confirmed_at", deadline))

    assert set(stale) == {never, before}
    assert list(fresh) == [on_time]
    assert freshness.is_stale(None, deadline) and freshness.is_stale(
        before.last_confirmed_at, deadline
    )
    assert not freshness.is_stale(on_time.last_confirmed_at, deadline)


def test_a_reminder_is_due_for_records_that_turn_stale_within_the_lead(district):
    deadline = freshness.confirmation_deadline(6, TODAY)
    soon = OrganisationFactory(district=district, last_confirmed_at=deadline + _days(13))
    OrganisationFactory(district=district, last_confirmed_at=deadline + _days(14))
    OrganisationFactory(district=district, last_confirmed_at=deadline - _days(1))

    due = Organisation.objects.filter(
        freshness.due_for_reminder("last_confirmed_at", deadline, lead=_days(14))
    )

    assert list(due) == [soon]


def _days(count):
    return datetime.timedelta(days=count)
