"""Reminder e-mails are tasks: queued with ids only, sent by the task backend's worker."""

import json
import signal
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knotenpunkt.core.roles import Role
from knotenpunkt.directory.management.commands.send_directory_reminders import (
    send_directory_reminders,
)
from knotenpunkt.directory.tasks import send_directory_reminder
from knotenpunkt.directory.tests.factories import affiliate

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def stale(organisation, users):
    """``organisation``, stale, with the partner editor bound to it."""
    organisation.last_confirmed_at = date(2020, 1, 1)
    organisation.save(update_fields=["last_confirmed_at"])
    affiliate(users[Role.PARTNER_EDITOR], organisation)
    return organisation


@pytest.fixture
def database_tasks(settings):
    """Queue tasks in the database, as in production; restore what the worker changes."""
    settings.TASKS = DATABASE_TASKS
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def test_the_task_e_mails_one_editor_with_the_link_to_the_entry(
    stale, users, german, django_capture_on_commit_callbacks
):
    editor = users[Role.PARTNER_EDITOR]

    with django_capture_on_commit_callbacks(execute=True):
        result = send_directory_reminder.enqueue(
            organisation_id=stale.pk,
            editor_id=editor.pk,
            edit_url="https://knotenpunkt.example/e/",
        )

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is True
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert stale.name in message.subject
    assert "https://knotenpunkt.example/e/" in message.body
    assert german("Thank you for keeping the directory up to date.") in message.body


def test_the_task_sends_nothing_when_the_editor_is_gone_by_the_time_it_runs(stale, users):
    editor = users[Role.PARTNER_EDITOR]
    editor.is_active = False
    editor.save(update_fields=["is_active"])

    result = send_directory_reminder.enqueue(
        organisation_id=stale.pk, editor_id=editor.pk, edit_url=""
    )

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is False
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_reminders_wait_in_the_database_until_the_worker_sends_them(database_tasks, stale, users):
    assert send_directory_reminders(base_url="https://knotenpunkt.example") == 1

    assert mail.outbox == [], "the worker sends the e-mails, not the command"
    queued = list(DBTaskResult.objects.all())
    assert {task.task_path for task in queued} == {
        "knotenpunkt.directory.tasks.send_directory_reminder"
    }
    assert len(queued) == 2, "one task per editor"
    assert "@" not in json.dumps([task.args_kwargs for task in queued]), "ids, no addresses"

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [users[Role.PARTNER_EDITOR].email, users[Role.MUNICIPAL_COORDINATOR].email]
    )
    assert {task.status for task in DBTaskResult.objects.all()} == {TaskResultStatus.SUCCESSFUL}


def test_the_reminder_is_recorded_in_the_outbox_as_an_automatic_mail(
    stale, users, django_capture_on_commit_callbacks
):
    from knotenpunkt.outbox.models import MailState, OutgoingMail

    editor = users[Role.PARTNER_EDITOR]

    with django_capture_on_commit_callbacks(execute=True):
        send_directory_reminder.enqueue(
            organisation_id=stale.pk, editor_id=editor.pk, edit_url="https://knotenpunkt.example/e/"
        )

    row = OutgoingMail.objects.get()
    assert (row.kind, row.recipient, row.sender) == ("directory.reminder", editor, None)
    assert (row.district, row.related_id, row.state) == (
        stale.district,
        str(stale.pk),
        MailState.SENT,
    )
    assert row.dedupe_key.startswith("directory.reminder:")
    assert '<a href="https://knotenpunkt.example/e/">' in mail.outbox[0].alternatives[0][0]
