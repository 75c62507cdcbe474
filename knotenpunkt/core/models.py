"""Shared base models: every tenant-owned record belongs to exactly one district."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def choice_display(field_name, choices):
    """Return a ``get_<field>_display`` method that looks one label up.

    Django's generated method builds a dict of *all* lazy labels on every call, which
    translates every label each time; on list pages that is thousands of gettext calls.
    Defined on the model class, this replaces Django's method (it does not overwrite it).
    """

    def display(self):
        value = getattr(self, field_name)
        try:
            return str(choices(value).label)
        except ValueError:
            return value

    display.__name__ = f"get_{field_name}_display"
    return display


class DistrictQuerySet(models.QuerySet):
    def in_district(self, district):
        """Return the records of one district; the only way views and selectors read."""
        return self.filter(district=district)


class DistrictScopedModel(models.Model):
    """Base for every model a district owns (tenancy)."""

    district = models.ForeignKey(
        "districts.District",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("district"),
        db_index=True,
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        abstract = True


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(DistrictScopedModel):
    """Who changed what, when. Written by services; never holds personal data of clients."""

    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("record type"), max_length=80)
    target_id = models.CharField(_("record id"), max_length=64)
    target_label = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["district", "target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class WorkerHeartbeat(models.Model):
    """A running task worker (``manage.py worker``), seen at ``last_seen_at``.

    The worker writes it every few seconds from a thread of its own, so a long task does
    not make it look dead. The tasks of a worker silent for too long are run again.
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started at"))
    last_seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.worker_id


class ScheduledJob(models.Model):
    """When a periodic job (core.plugins.PeriodicJob) runs next; one row per job key.

    A worker claims a due job by moving ``next_run_at`` on in a conditional UPDATE, so of
    several workers exactly one runs it.
    """

    key = models.CharField(_("job"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run at"), db_index=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.key
