"""offers_daily: reminders before the confirmation deadline, archiving after the end date.

The tests use the immediate task backend, so the queued tasks run inside the command.
"""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from knotenpunkt.core.roles import Role
from knotenpunkt.offers import services
from knotenpunkt.offers.models import OfferState

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def _run():
    """Run the command; the outbox sends the queued mails after their commit."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("offers_daily", stdout=out)
    return out.getvalue()


def _due(district):
    """A confirmation date that runs out in ten days."""
    return timezone.localdate() - services.review_period(district) + datetime.timedelta(days=10)


def test_the_providers_editor_is_reminded_once_before_the_deadline(users, district, offer):
    offer.last_confirmed_at = _due(district)
    offer.save(update_fields=["last_confirmed_at"])
    OfferFactory(district=district, provider=offer.provider, category=offer.category)  # fresh

    output = _run()

    assert [message.to for message in mail.outbox] == [[users[Role.PARTNER_EDITOR].email]]
    assert "/angebote/bestaetigen/" in mail.outbox[0].body
    assert f"{district.slug}: 1 reminder(s) queued" in output
    offer.refresh_from_db()
    assert offer.reminded_at == timezone.localdate()

    _run()

    assert len(mail.outbox) == 1


def test_offers_past_their_end_date_are_archived(district, offer, categories):
    offer.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    offer.save(update_fields=["valid_until"])
    running = OfferFactory(
        district=district,
        provider=offer.provider,
        category=categories[1],
        valid_until=timezone.localdate(),
    )

    _run()

    offer.refresh_from_db()
    running.refresh_from_db()
    assert offer.state == OfferState.ARCHIVED
    assert running.state == OfferState.PUBLISHED


def test_inactive_districts_are_left_alone(other_district):
    stale = OfferFactory(
        district=other_district,
        last_confirmed_at=_due(other_district),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    other_district.is_active = False
    other_district.save(update_fields=["is_active"])

    output = _run()

    stale.refresh_from_db()
    assert stale.state == OfferState.PUBLISHED
    assert stale.reminded_at is None
    assert other_district.slug not in output
    assert mail.outbox == []
