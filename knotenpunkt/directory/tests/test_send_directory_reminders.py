"""Editors of stale entries get a reminder by e-mail, at most once per review period."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.management.commands.send_directory_reminders import (
    send_directory_reminders,
)
from knotenpunkt.directory.tests.factories import affiliate

from .factories import OrganisationFactory

LONG_AGO = date(2020, 1, 1)


@pytest.fixture
def stale(organisation, users):
    """``organisation``, stale, with the partner editor bound to it."""
    organisation.last_confirmed_at = LONG_AGO
    organisation.save(update_fields=["last_confirmed_at"])
    affiliate(users[Role.PARTNER_EDITOR], organisation)
    return organisation


def _run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return send_directory_reminders(base_url="https://knotenpunkt.example", **kwargs)


def test_the_partner_editor_and_the_municipal_coordinator_are_reminded_in_german(
    district, users, stale, django_capture_on_commit_callbacks, german
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_directory_reminders(base_url="https://knotenpunkt.example")
    assert mail.outbox == [], "e-mails wait for the commit"
    # The tasks queue the mails in the outbox, which sends them after their own commit.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        [users[Role.PARTNER_EDITOR].email, users[Role.MUNICIPAL_COORDINATOR].email]
    )
    message = mail.outbox[0]
    assert stale.name in message.subject
    assert f"https://knotenpunkt.example/{district.slug}/workspace/verzeichnis/{stale.pk}/" in (
        message.body
    )
    assert german("Thank you for keeping the directory up to date.") in message.body
    assert AuditEntry.objects.filter(
        action="organisation.reminded", target_id=str(stale.pk)
    ).exists()


def test_an_entry_is_reminded_only_once_per_period(
    district, stale, django_capture_on_commit_callbacks
):
    assert _run(django_capture_on_commit_callbacks) == 1
    sent = len(mail.outbox)
    assert _run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == sent

    later = timezone.now() + timedelta(days=400)
    assert _run(django_capture_on_commit_callbacks, now=later) == 1
    assert len(mail.outbox) == 2 * sent


def test_without_editors_the_organisations_own_address_is_reminded(
    district, municipalities, django_capture_on_commit_callbacks
):
    OrganisationFactory(
        district=district,
        municipality=municipalities[2],
        email="info@verein.example",
        last_confirmed_at=LONG_AGO,
    )
    OrganisationFactory(district=district, municipality=municipalities[2], last_confirmed_at=None)

    assert _run(django_capture_on_commit_callbacks) == 1

    [message] = mail.outbox
    assert message.to == ["info@verein.example"]
    assert "/workspace/" not in message.body


def test_fresh_entries_are_not_reminded(
    district, organisation, users, django_capture_on_commit_callbacks
):
    organisation.last_confirmed_at = timezone.localdate() - timedelta(days=30)
    organisation.save(update_fields=["last_confirmed_at"])
    assert _run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_command_reports_how_many_entries_were_reminded(stale):
    out = StringIO()
    call_command(
        "send_directory_reminders", "--base-url", "https://knotenpunkt.example", stdout=out
    )
    assert "1" in out.getvalue()
