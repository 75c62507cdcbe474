"""Queue e-mails, send them again by hand, recover lost deliveries, prune the log.

Every e-mail Knotenpunkt sends goes through ``queue_mail`` (or ``queue_templated_mail``):
one row per recipient and message, sent by the worker after the caller's transaction
commits. Nothing is sent inside a request.
"""

import hashlib
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import make_msgid
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import record_change

from .events import publish_not_delivered
from .models import CLAIMABLE_STATES, RESENDABLE_STATES, MailState, OutgoingMail
from .permissions import may_see_mail
from .rendering import render_mail

logger = logging.getLogger(__name__)

# Rows deleted or blanked per statement when pruning, so no statement locks for long.
PRUNE_BATCH = 500


@transaction.atomic
def queue_mail(
    *,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    district=None,
    recipient=None,
    sender=None,
    related=None,
    dedupe_key: str | None = None,
) -> OutgoingMail:
    """Record a mail to ``to`` and send it after the current transaction commits.

    With a ``dedupe_key`` that was queued before, return that mail and send nothing new:
    the key names "this message to this recipient", so a task run twice sends once.
    """
    if dedupe_key:
        existing = OutgoingMail.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    mail = OutgoingMail(
        district=district,
        kind=kind,
        to=to.strip(),
        recipient=recipient,
        sender=sender if getattr(sender, "is_authenticated", False) else None,
        subject=subject[:400],
        text_body=text,
        html_body=html,
        dedupe_key=dedupe_key or None,
        message_id=make_msgid(domain=_message_id_domain()),
        state=MailState.QUEUED,
        queued_at=now,
        next_attempt_at=now,
    )
    mail.set_related(related)
    if not text.strip():
        raise ValidationError({"text_body": _("An e-mail needs a text.")})
    # Uniqueness is left to the database, which also decides a race of two equal keys.
    mail.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if not dedupe_key:
            raise
        return OutgoingMail.objects.get(dedupe_key=dedupe_key)
    transaction.on_commit(partial(_enqueue_delivery, mail.pk), robust=True)
    return mail


def queue_templated_mail(
    *,
    kind: str,
    to: str,
    template_base: str,
    context: dict,
    language: str,
    district=None,
    recipient=None,
    sender=None,
    related=None,
    dedupe_key: str | None = None,
) -> OutgoingMail:
    """Render ``template_base`` in ``language`` (rendering.render_mail) and queue it."""
    if dedupe_key and OutgoingMail.objects.filter(dedupe_key=dedupe_key).exists():
        return OutgoingMail.objects.get(dedupe_key=dedupe_key)
    rendered = render_mail(template_base, context, language=language, district=district)
    return queue_mail(
        kind=kind,
        to=to,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        district=district,
        recipient=recipient,
        sender=sender,
        related=related,
        dedupe_key=dedupe_key,
    )


def recipient_token(*, user=None, address: str = "") -> str:
    """Return a short, stable part of a dedupe key for one recipient, without the address."""
    if user is not None:
        return f"u{user.pk}"
    return "a" + hashlib.sha256(address.strip().lower().encode()).hexdigest()[:16]


@transaction.atomic
def resend_mail(*, actor, district, mail: OutgoingMail) -> OutgoingMail:
    """Queue a failed or uncertain mail once more (same Message-ID), if its text is kept."""
    if not may_see_mail(actor, district, mail):
        raise PermissionDenied
    now = timezone.now()
    updated = OutgoingMail.objects.filter(
        pk=mail.pk, state__in=RESENDABLE_STATES, text_body__gt=""
    ).update(
        state=MailState.QUEUED,
        queued_at=now,
        next_attempt_at=now,
        lease_until=None,
        data_started_at=None,
        last_error="",
    )
    if not updated:
        raise ValidationError(_("This e-mail can no longer be sent again."))
    record_change(actor=actor, district=district, action="outbox.resend", target=mail)
    transaction.on_commit(partial(_enqueue_delivery, mail.pk), robust=True)
    mail.refresh_from_db()
    return mail


def recover_stalled(*, now=None) -> dict[str, int]:
    """Repair deliveries whose worker died or whose task was lost; return the counts.

    A mail "being sent" past its lease goes back to the queue if its content had not
    started, else it becomes "uncertain". A queued mail overdue by more than
    KNOTENPUNKT_OUTBOX_OVERDUE_AFTER gets a new delivery task; the claim makes a second
    task for the same mail harmless.
    """
    now = now or timezone.now()
    expired = OutgoingMail.objects.filter(state=MailState.SENDING, lease_until__lt=now)
    back = list(expired.filter(data_started_at__isnull=True).values_list("pk", flat=True))
    retried = expired.filter(pk__in=back, data_started_at__isnull=True).update(
        state=MailState.RETRYING,
        next_attempt_at=now,
        lease_until=None,
        last_error="LeaseExpired",
    )
    cut_off = list(expired.filter(data_started_at__isnull=False).only("district", "sender", "kind"))
    uncertain = expired.filter(pk__in=[mail.pk for mail in cut_off]).update(
        state=MailState.UNCERTAIN, lease_until=None, last_error="LeaseExpired"
    )
    publish_not_delivered(cut_off)
    for mail_id in back:
        _enqueue_delivery(mail_id)
    overdue_before = now - settings.KNOTENPUNKT_OUTBOX_OVERDUE_AFTER
    overdue = list(
        OutgoingMail.objects.filter(
            state__in=CLAIMABLE_STATES, next_attempt_at__lt=overdue_before
        ).values_list("pk", flat=True)[:1000]
    )
    # Due now, so the mail is not found overdue again before its new task had a chance.
    OutgoingMail.objects.filter(pk__in=overdue, state__in=CLAIMABLE_STATES).update(
        next_attempt_at=now
    )
    for mail_id in overdue:
        _enqueue_delivery(mail_id)
    if retried or uncertain or overdue:
        logger.warning(
            "Outbox recovery: %s mail(s) back in the queue, %s uncertain, %s re-enqueued.",
            retried,
            uncertain,
            len(overdue),
        )
    return {"retried": retried, "uncertain": uncertain, "requeued": len(overdue)}


def prune(*, now=None) -> dict[str, int]:
    """Delete rows older than KNOTENPUNKT_OUTBOX_KEEP; blank old failed/uncertain bodies."""
    now = now or timezone.now()
    deleted = _in_batches(
        OutgoingMail.objects.filter(created_at__lt=now - settings.KNOTENPUNKT_OUTBOX_KEEP),
        lambda rows: rows.delete()[0],
    )
    blanked = _in_batches(
        OutgoingMail.objects.filter(
            state__in=RESENDABLE_STATES,
            created_at__lt=now - settings.KNOTENPUNKT_OUTBOX_KEEP_BODIES,
        ).exclude(text_body="", html_body=""),
        lambda rows: rows.update(text_body="", html_body=""),
    )
    return {"deleted": deleted, "blanked": blanked}


def _in_batches(queryset, change) -> int:
    total = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:PRUNE_BATCH])
        if not ids:
            return total
        total += change(OutgoingMail.objects.filter(pk__in=ids))


def _enqueue_delivery(mail_id: int) -> None:
    from .tasks import deliver

    deliver.enqueue(mail_id)


def _message_id_domain() -> str:
    """Return the domain of the sender address, so Message-IDs look like ours."""
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "knotenpunkt.invalid"
