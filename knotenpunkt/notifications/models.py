"""Notifications: that something happened that concerns a person, and how they want to hear.

A notification names its kind, who caused it and what it is about (type and id, no foreign
key: the record may be gone when the notification is read), and keeps the few plain values
its sentence needs (``params``), so that it reads the same later in any language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.models import DistrictQuerySet, DistrictScopedModel


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("By e-mail at once")
    DIGEST = "digest", _("In a daily e-mail")
    OFF = "off", _("Only here, no e-mail")


class EmailState(models.TextChoices):
    """What happened with the e-mail about a notification."""

    NONE = "none", _("no e-mail")
    QUEUED = "queued", _("queued for the outbox")
    DIGEST = "digest", _("waits for the daily e-mail")
    DIGESTED = "digested", _("sent in the daily e-mail")


class NotificationQuerySet(DistrictQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(DistrictScopedModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caused by"),
    )
    target_type = models.CharField(_("record type"), max_length=80, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    params = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=20, choices=EmailState.choices, default=EmailState.NONE
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "recipient", "read_at"]),
            models.Index(fields=["email_state", "recipient"]),
        ]

    def __str__(self):
        # No params: they may hold names; the admin and logs show only the kind.
        return f"{self.kind} #{self.pk}"


class NotificationSetting(models.Model):
    """How one person wants to hear of one kind of notification (absent: the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=80)
    delivery = models.CharField(_("e-mail"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_unique")
        ]

    def __str__(self):
        return f"{self.kind}: {self.delivery}"
