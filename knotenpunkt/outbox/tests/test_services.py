"""Queuing, delivering, retrying and recovering e-mails (real SMTP server where it matters)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from knotenpunkt.outbox import delivery, services
from knotenpunkt.outbox.models import MailState, OutgoingMail
from knotenpunkt.outbox.tests.smtp import SMTPServer

pytestmark = pytest.mark.django_db


def _queue(**overrides):
    values = {
        "kind": "tests.hello",
        "to": "person@example.org",
        "subject": "Hallo",
        "text": "Guten Tag.\nhttps://knotenpunkt.example/link/\n",
        "html": "<p>Guten Tag.</p>",
    }
    values.update(overrides)
    return services.queue_mail(**values)


def _due_now(row):
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())


def test_a_queued_mail_waits_for_the_commit_then_goes_out_as_multipart(
    district, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(district=district)
        assert mail.outbox == [], "nothing is sent inside the transaction"

    [message] = mail.outbox
    assert message.to == ["person@example.org"]
    assert message.extra_headers["Message-ID"] == row.message_id
    assert message.alternatives[0][1] == "text/html"
    assert "Landkreis Nordkreis" in message.from_email
    row.refresh_from_db()
    assert (row.state, row.attempts) == (MailState.SENT, 1)
    assert row.sent_at is not None
    assert (row.text_body, row.html_body) == ("", ""), "bodies may hold links with tokens"
    assert row.subject == "Hallo"


def test_the_same_dedupe_key_queued_twice_is_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(dedupe_key="tests.hello:1:u7")
        second = _queue(dedupe_key="tests.hello:1:u7", subject="Noch einmal")

    assert first.pk == second.pk
    assert OutgoingMail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_delivery_over_smtp_sends_text_and_html_with_the_stable_message_id(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(text="Zeile\n.Punkt am Anfang\n")

    [message] = smtp_server.messages
    assert message["Message-ID"] == row.message_id
    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert ".Punkt am Anfang" in parts["text/plain"].get_payload(decode=True).decode()
    assert "<p>Guten Tag.</p>" in parts["text/html"].get_payload(decode=True).decode()
    row.refresh_from_db()
    assert row.state == MailState.SENT


def test_with_the_mail_server_down_the_mail_waits_and_goes_out_once_it_answers(
    settings, django_capture_on_commit_callbacks
):
    closed = SMTPServer()  # not started yet: its port is closed
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed.port

    with django_capture_on_commit_callbacks(execute=True):
        row = _queue()

    row.refresh_from_db()
    assert row.state == MailState.RETRYING
    assert row.attempts == 1
    assert row.last_error == "ConnectionRefusedError"
    assert row.text_body, "nothing is lost"
    assert timedelta(seconds=50) < row.next_attempt_at - timezone.now() <= timedelta(minutes=1)

    with closed as server:
        _due_now(row)
        assert delivery.deliver_mail(mail_id=row.pk) == MailState.SENT
        assert delivery.deliver_mail(mail_id=row.pk) == "not_due", "a second task sends nothing"

    assert server.count_by_message_id() == {row.message_id: 1}


def test_a_permanent_refusal_fails_the_mail_without_retrying(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.handler.refuse["niemand@example.org"] = "550 5.1.1 <niemand@example.org> unknown"

    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(to="niemand@example.org")

    row.refresh_from_db()
    assert row.state == MailState.FAILED
    assert row.last_error == "SMTPRecipientsRefused 550 5.1.1 <address> unknown"
    assert "niemand" not in row.last_error, "no addresses in the error"
    assert smtp_server.messages == []


def test_a_temporary_refusal_is_tried_again(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.handler.refuse["voll@example.org"] = "452 4.2.2 Mailbox full"

    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(to="voll@example.org")

    row.refresh_from_db()
    assert (row.state, row.last_error) == (
        MailState.RETRYING,
        "SMTPRecipientsRefused 452 4.2.2 Mailbox full",
    )


def test_waits_between_attempts_double_up_to_an_hour():
    minutes = [delivery.retry_delay(attempt).total_seconds() / 60 for attempt in range(1, 10)]

    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_mail_is_given_up_after_three_days_of_temporary_failures(settings):
    closed = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed.port
    row = _queue()
    OutgoingMail.objects.filter(pk=row.pk).update(
        queued_at=timezone.now() - timedelta(hours=71, minutes=59)
    )

    assert delivery.deliver_mail(mail_id=row.pk) == MailState.FAILED

    row.refresh_from_db()
    assert (row.state, row.last_error) == (MailState.FAILED, "ConnectionRefusedError")
    assert row.text_body, "a failed mail keeps its text, so it can be sent again"


def test_recovery_requeues_a_dead_attempt_before_the_content_and_not_after(settings):
    before = _queue(to="a@example.org")
    after = _queue(to="b@example.org")
    for row in (before, after):
        assert delivery.claim(mail_id=row.pk) == 1
    OutgoingMail.objects.filter(pk=after.pk).update(data_started_at=timezone.now())
    later = timezone.now() + settings.KNOTENPUNKT_OUTBOX_LEASE + timedelta(seconds=1)

    counts = services.recover_stalled(now=later)

    before.refresh_from_db()
    after.refresh_from_db()
    assert counts["retried"] == 1 and counts["uncertain"] == 1
    assert (before.state, before.next_attempt_at) == (MailState.RETRYING, later)
    assert after.state == MailState.UNCERTAIN


def test_an_attempt_that_lost_its_lease_cannot_start_the_content(settings):
    row = _queue()
    assert delivery.claim(mail_id=row.pk) == 1
    services.recover_stalled(now=timezone.now() + settings.KNOTENPUNKT_OUTBOX_LEASE * 2)
    _due_now(row)
    assert delivery.claim(mail_id=row.pk) == 2

    with pytest.raises(delivery.LeaseLost):
        delivery._mark_content_started(row, 1)


def test_recovery_gives_a_queued_mail_whose_task_was_lost_a_new_one(settings):
    row = _queue()  # its on-commit task never runs here: as if the worker had died
    long_ago = timezone.now() - settings.KNOTENPUNKT_OUTBOX_OVERDUE_AFTER * 2
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=long_ago)

    counts = services.recover_stalled()

    assert counts["requeued"] == 1
    row.refresh_from_db()
    assert row.state == MailState.SENT
    assert len(mail.outbox) == 1


def test_pruning_deletes_old_rows_and_blanks_old_failed_texts(settings):
    old, failed, fresh_failed = _queue(), _queue(), _queue()
    now = timezone.now()
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=181))
    OutgoingMail.objects.filter(pk=failed.pk).update(
        created_at=now - timedelta(days=31), state=MailState.FAILED
    )
    OutgoingMail.objects.filter(pk=fresh_failed.pk).update(state=MailState.FAILED)

    assert services.prune() == {"deleted": 1, "blanked": 1}

    assert not OutgoingMail.objects.filter(pk=old.pk).exists()
    failed.refresh_from_db()
    fresh_failed.refresh_from_db()
    assert (failed.text_body, failed.html_body) == ("", "")
    assert fresh_failed.text_body


def test_a_mail_needs_a_text():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _queue(text="  ")
    assert not OutgoingMail.objects.exists()


def test_the_sender_of_a_mail_that_did_not_arrive_is_told_once_and_the_home_counts_it(
    smtp_server, client, district, users, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from knotenpunkt.core.roles import Role
    from knotenpunkt.notifications.models import Notification

    admin = users[Role.DISTRICT_ADMIN]
    smtp_server.handler.refuse["niemand@example.org"] = "550 5.1.1 <niemand@example.org> unknown"

    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(to="niemand@example.org", district=district, sender=admin)

    row.refresh_from_db()
    assert row.state == MailState.FAILED
    (told,) = Notification.objects.filter(recipient=admin, kind="outbox.not_delivered")
    assert told.params["to"] == "niemand@example.org"
    client.force_login(admin)
    home = client.get(reverse("workspace:home", args=[district.slug]))
    panel = {p.panel.key: p for p in home.context["todo_panels"]}["outbox.not_delivered"]
    assert panel.count == 1
    assert client.get(panel.url).context["page"].paginator.count == 1
