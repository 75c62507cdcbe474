"""Every e-mail Knotenpunkt sends: one row per recipient and message (docs/decisions/0015)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.models import DistrictQuerySet, choice_display


class MailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Waiting for a new attempt")
    FAILED = "failed", _("Failed")
    UNCERTAIN = "uncertain", _("Uncertain")


# States a delivery task may claim, and those a person may send again by hand.
CLAIMABLE_STATES = (MailState.QUEUED, MailState.RETRYING)
RESENDABLE_STATES = (MailState.FAILED, MailState.UNCERTAIN)


class OutgoingMail(models.Model):
    """One message to one recipient, from queuing to delivery (or giving up).

    ``attempts`` also fences the delivery: every state change of an attempt names the
    attempt it belongs to, so a worker that lost its lease cannot record anything.
    ``data_started_at`` is set, and committed, before the message content goes to the mail
    server: from then on the message may have arrived, and it is never sent again on its
    own.
    """

    district = models.ForeignKey(
        "districts.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    to = models.EmailField(_("recipient address"), max_length=254)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent because of"),
    )
    subject = models.CharField(_("subject"), max_length=400)
    text_body = models.TextField(_("text"), blank=True)
    html_body = models.TextField(_("HTML text"), blank=True)
    related_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    related_id = models.CharField(_("record id"), max_length=64, blank=True)
    related_label = models.CharField(_("record"), max_length=200, blank=True)
    dedupe_key = models.CharField(
        _("deduplication key"), max_length=200, unique=True, null=True, blank=True
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    lease_until = models.DateTimeField(_("attempt running until"), null=True, blank=True)
    data_started_at = models.DateTimeField(_("handed to the mail server at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The delivery log of a district, and of one sender in it.
            models.Index(fields=["district", "-created_at"], name="outbox_district_log_idx"),
            models.Index(
                fields=["district", "sender", "-created_at"], name="outbox_sender_log_idx"
            ),
            # Recovery: overdue queued/retrying rows, and sending rows whose lease ran out.
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["state", "lease_until"], name="outbox_lease_idx"),
            # Pruning by age.
            models.Index(fields=["created_at"], name="outbox_created_idx"),
        ]

    get_state_display = choice_display("state", MailState)

    def __str__(self):
        return f"{self.kind}: {self.subject}"

    @property
    def has_body(self) -> bool:
        return bool(self.text_body)

    def set_related(self, obj) -> None:
        """Point the mail at the record it is about, with a short non-personal label."""
        if obj is None:
            return
        self.related_type = ContentType.objects.get_for_model(obj)
        self.related_id = str(obj.pk)
        self.related_label = f"{obj._meta.verbose_name} {obj.pk}"[:200]
