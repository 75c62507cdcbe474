"""Deliver one queued mail: claim it, send it, record what happened.

The claim is a conditional UPDATE, so that of two tasks for the same mail only one sends
it. Every later change names the attempt (``attempts``) it belongs to: a worker whose lease
ran out, and whose mail another worker took over, cannot record anything any more.
Temporary failures before the content went out (no connection, a timeout, a 4xx answer)
are tried again with growing waits; a 5xx answer fails the mail; a failure after the
content started leaves it "uncertain", because it may have arrived.
"""

import logging
import re
import smtplib
import time
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from . import transport
from .events import publish_not_delivered
from .models import CLAIMABLE_STATES, RESENDABLE_STATES, MailState, OutgoingMail

logger = logging.getLogger(__name__)

# Errors that mean "the database is not reachable right now", not "this mail is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# A task may run a moment before its mail is due when clocks of two machines differ.
CLOCK_TOLERANCE = timedelta(seconds=5)
ADDRESS = re.compile(r"\S+@\S+")


class LeaseLost(Exception):
    """Another attempt took the mail over; this one must not send it."""


def deliver_mail(*, mail_id: int) -> str:
    """Send mail ``mail_id`` if it is due and nobody else sends it; return the outcome."""
    attempt = claim(mail_id=mail_id)
    if attempt is None:
        return "not_due"
    mail = OutgoingMail.objects.select_related("district").get(pk=mail_id)
    try:
        transport.send(
            build_message(mail), before_content=lambda: _mark_content_started(mail, attempt)
        )
    except LeaseLost:
        logger.warning("Mail %s: attempt %s lost its lease; not sent by it.", mail.pk, attempt)
        return "lease_lost"
    except transport.ContentStarted as error:
        summary = error_summary(error.__cause__)
        _patiently(_finish, mail, attempt, state=MailState.UNCERTAIN, error=summary)
        logger.error("Mail %s (%s) may or may not have arrived: %s", mail.pk, mail.kind, summary)
        return MailState.UNCERTAIN
    except DATABASE_UNAVAILABLE:
        # The lease runs out and recovery decides (nothing of the content went out).
        raise
    except Exception as error:
        return _failed_before_content(mail, attempt, error)
    _patiently(_finish, mail, attempt, state=MailState.SENT)
    logger.info("Mail %s (%s) sent on attempt %s.", mail.pk, mail.kind, attempt)
    return MailState.SENT


@transaction.atomic
def claim(*, mail_id: int) -> int | None:
    """Mark the mail as being sent by a new attempt; return its number, or None if not due."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, state__in=CLAIMABLE_STATES, next_attempt_at__lte=now + CLOCK_TOLERANCE
    ).update(
        state=MailState.SENDING,
        attempts=F("attempts") + 1,
        lease_until=now + settings.KNOTENPUNKT_OUTBOX_LEASE,
        data_started_at=None,
    )
    if not claimed:
        return None
    return OutgoingMail.objects.values_list("attempts", flat=True).get(pk=mail_id)


def build_message(mail: OutgoingMail) -> EmailMultiAlternatives:
    """Return the mail as a multipart message with its stable Message-ID."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text_body,
        from_email=from_address(mail.district),
        to=[mail.to],
        headers={
            "Message-ID": mail.message_id,
            # RFC 3834: an automatic message; keeps out-of-office replies away.
            "Auto-Submitted": "auto-generated",
        },
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def from_address(district) -> str:
    """Return DEFAULT_FROM_EMAIL, named after the district when it has no name of its own."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or district is None or "@" not in address:
        return settings.DEFAULT_FROM_EMAIL
    username, domain = address.rsplit("@", 1)
    return str(
        Address(display_name=f"Knotenpunkt {district.name}", username=username, domain=domain)
    )


def error_summary(error: BaseException | None) -> str:
    """Return the exception class and the mail server's code and short answer, no addresses."""
    if error is None:
        return ""
    code, reply = smtp_reply(error)
    parts = [type(error).__name__]
    if code:
        parts.append(str(code))
    if reply:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        parts.append(ADDRESS.sub("<address>", " ".join(text.split())))
    return " ".join(parts)[:200]


def smtp_reply(error: BaseException) -> tuple[int | None, bytes | str]:
    """Return the mail server's answer carried by ``error``, if any."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return next(iter(error.recipients.values()))
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code, error.smtp_error
    return None, b""


def is_permanent(error: BaseException) -> bool:
    """Return whether the mail server refused the mail for good (a 5xx answer)."""
    code, _reply = smtp_reply(error)
    return code is not None and 500 <= code < 600


def _failed_before_content(mail, attempt, error) -> str:
    summary = error_summary(error)
    if is_permanent(error):
        _finish(mail, attempt, state=MailState.FAILED, error=summary)
        logger.error("Mail %s (%s) refused by the mail server: %s", mail.pk, mail.kind, summary)
        return MailState.FAILED
    now = timezone.now()
    delay = retry_delay(attempt)
    if now + delay - mail.queued_at > settings.KNOTENPUNKT_OUTBOX_RETRY_FOR:
        _finish(mail, attempt, state=MailState.FAILED, error=summary)
        logger.error(
            "Mail %s (%s) given up after %s attempts: %s", mail.pk, mail.kind, attempt, summary
        )
        return MailState.FAILED
    _schedule_retry(mail, attempt, at=now + delay, error=summary)
    logger.warning(
        "Mail %s (%s) not sent (%s); attempt %s again in %s.",
        mail.pk,
        mail.kind,
        summary,
        attempt + 1,
        delay,
    )
    return MailState.RETRYING


def retry_delay(attempt: int) -> timedelta:
    """Return the wait after failed attempt number ``attempt``: 1, 2, 4 … minutes, capped."""
    first = settings.KNOTENPUNKT_OUTBOX_FIRST_RETRY
    return min(first * 2 ** min(attempt - 1, 30), settings.KNOTENPUNKT_OUTBOX_MAX_RETRY_DELAY)


@transaction.atomic
def _schedule_retry(mail, attempt, *, at, error) -> None:
    updated = _own_attempt(mail, attempt).update(
        state=MailState.RETRYING, next_attempt_at=at, lease_until=None, last_error=error
    )
    if updated:
        # In the same transaction: with the database backend the task and the state commit
        # together. Backends without run_after leave the retry to recover_stalled.
        from .tasks import deliver

        if deliver.get_backend().supports_defer:
            deliver.using(run_after=at).enqueue(mail.pk)


@transaction.atomic
def _mark_content_started(mail, attempt) -> None:
    now = timezone.now()
    if not _own_attempt(mail, attempt).update(data_started_at=now):
        raise LeaseLost


def _finish(mail, attempt, *, state, error="") -> None:
    changes = {"state": state, "lease_until": None, "last_error": error}
    if state == MailState.SENT:
        # The bodies may hold links with tokens; the log needs only kind, recipient, subject.
        changes.update(sent_at=timezone.now(), text_body="", html_body="")
    # An attempt whose lease ran out while the server still answered may be "uncertain"
    # already; its own outcome is better knowledge.
    updated = OutgoingMail.objects.filter(
        pk=mail.pk, attempts=attempt, state__in=(MailState.SENDING, MailState.UNCERTAIN)
    ).update(**changes)
    if updated and state in RESENDABLE_STATES:
        publish_not_delivered([mail])


def _own_attempt(mail, attempt):
    return OutgoingMail.objects.filter(pk=mail.pk, attempts=attempt, state=MailState.SENDING)


def _patiently(record, *args, **kwargs) -> None:
    """Record an outcome after the content went out, waiting out a short database outage.

    What happened at the mail server is known only now; losing it would turn a sent mail
    into an "uncertain" one.
    """
    deadline = time.monotonic() + settings.KNOTENPUNKT_OUTBOX_LEASE.total_seconds() / 2
    pause = 0.5
    while True:
        try:
            record(*args, **kwargs)
            return
        except DATABASE_UNAVAILABLE:
            if time.monotonic() > deadline:
                raise
            close_old_connections()
            time.sleep(pause)
            pause = min(pause * 2, 5)
