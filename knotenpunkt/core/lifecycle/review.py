"""Review: draft → in review → published → archived, and pending changes of published records.

A record is written as a draft, submitted for review, and published (or sent back with a
note) by a reviewer. A change to a published record is not written into it: it is a
second row whose ``revision_of`` points to the published record (its *pending change*),
which goes through review while the public keeps seeing the published row; publishing the
change copies its content into the published row and deletes it.

A model inherits ``ReviewedModel`` and its queryset ``ReviewQuerySet``; the app's services
check their own permissions and then call the transitions below, which raise a translated
``ValidationError`` for a wrong state. What a pending change copies is the app's
``Content``. The transitions write no audit entry: the action names are the app's.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.richtext import LimitedTextField

# The longest note a reviewer gives with a record sent back.
REVIEW_NOTE_MAX_LENGTH = 2000


class ReviewState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    IN_REVIEW = "in_review", gettext_lazy("In review")
    PUBLISHED = "published", gettext_lazy("Published")
    ARCHIVED = "archived", gettext_lazy("Archived")


# The states from which a reviewer publishes a record.
PUBLISHABLE_STATES = (ReviewState.DRAFT, ReviewState.IN_REVIEW)


class ReviewQuerySet(models.QuerySet):
    """Mix into the queryset of a ``ReviewedModel``."""

    def published(self):
        """Return the published records (without pending changes)."""
        return self.filter(state=ReviewState.PUBLISHED, revision_of__isnull=True)

    def main_rows(self):
        """Return the records without the pending changes of published records."""
        return self.filter(revision_of__isnull=True)


class ReviewedModel(models.Model):
    """A record that is reviewed before it is published.

    Define ``get_state_display = choice_display("state", ReviewState)`` on the concrete
    model if you need it: Django puts its own method there otherwise.
    """

    state = models.CharField(
        gettext_lazy("state"),
        max_length=20,
        choices=ReviewState.choices,
        default=ReviewState.DRAFT,
    )
    revision_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending_revision",
        verbose_name=gettext_lazy("change of"),
    )
    published_at = models.DateTimeField(gettext_lazy("first published"), null=True, blank=True)
    review_note = LimitedTextField(
        gettext_lazy("note of the reviewer"), max_length=REVIEW_NOTE_MAX_LENGTH, blank=True
    )

    class Meta:
        abstract = True

    @property
    def public_pk(self):
        """The id under which the record is public (a pending change shows its original)."""
        return self.revision_of_id or self.pk


@dataclass(frozen=True)
class Content:
    """What a pending change copies of its record, and publishing it copies back.

    ``fields`` and ``m2m_fields`` are copied as they are; ``copy_rows(source, target)``
    copies rows of the record's own (places, times …) onto a saved ``target``, replacing
    the target's. ``scope_fields`` are shared with the record without being content.
    """

    fields: Sequence[str]
    m2m_fields: Sequence[str] = ()
    copy_rows: Callable[[Any, Any], None] | None = None
    scope_fields: Sequence[str] = ("district",)

    def copy_fields(self, source, target) -> None:
        for name in self.fields:
            setattr(target, name, getattr(source, name))

    def copy_related(self, source, target) -> None:
        for name in self.m2m_fields:
            getattr(target, name).set(getattr(source, name).all())
        if self.copy_rows is not None:
            self.copy_rows(source, target)


def _save_state(record, *fields: str) -> None:
    """Save ``fields`` of ``record`` and its ``auto_now`` fields (``updated_at``)."""
    touched = [
        field.name for field in record._meta.concrete_fields if getattr(field, "auto_now", False)
    ]
    record.save(update_fields=[*fields, *touched])


def pending_change(record):
    """Return the pending change of a published ``record``, or None."""
    return type(record)._default_manager.filter(revision_of=record).first()


def change_target(record, *, content: Content) -> tuple[Any, bool]:
    """Return the row an edit of ``record`` changes, and whether it was created now.

    A draft, a record in review and a pending change are changed themselves; a published
    record through its pending change, created as a copy if there is none yet.
    """
    if record.state == ReviewState.ARCHIVED:
        raise ValidationError(_("An archived entry cannot be changed; copy it instead."))
    if record.state != ReviewState.PUBLISHED or record.revision_of_id is not None:
        return record, False
    existing = pending_change(record)
    if existing is not None:
        return existing, False
    change = type(record)(state=ReviewState.DRAFT, revision_of=record)
    for name in content.scope_fields:
        setattr(change, name, getattr(record, name))
    content.copy_fields(record, change)
    change.save()
    content.copy_related(record, change)
    return change, True


def settle_change(record, target, *, created: bool, changed: bool) -> bool:
    """Finish an edit of ``record`` made on ``target`` (from ``change_target``).

    Return False if the edit left nothing to review: a pending change created for it is
    deleted again when nothing changed. A pending change changed after it was submitted
    goes back to draft, to its authors, until they submit it again.
    """
    if created and not changed:
        target.delete()
        return False
    if target.pk != record.pk and target.state != ReviewState.DRAFT and changed:
        target.state = ReviewState.DRAFT
        _save_state(target, "state")
    return True


def submit(record) -> None:
    """Hand a draft (or a pending change) to the reviewers: draft → in review."""
    if record.state != ReviewState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    record.state = ReviewState.IN_REVIEW
    _save_state(record, "state")


def publish(record, *, content: Content, values: Mapping[str, Any] | None = None):
    """Publish a draft or a record in review, or a pending change; return the published row.

    A pending change is copied into its published record (``content``) and deleted. The
    published row gets ``values`` too (e.g. the date of its confirmation).
    """
    if record.state not in PUBLISHABLE_STATES:
        raise ValidationError(_("Only a draft or an entry in review can be published."))
    values = {"review_note": "", **(values or {})}
    original = record.revision_of
    if original is None:
        record.state = ReviewState.PUBLISHED
        record.published_at = record.published_at or timezone.now()
        for name, value in values.items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
        return record
    content.copy_fields(record, original)
    for name, value in values.items():
        setattr(original, name, value)
    original.full_clean()
    original.save()
    content.copy_related(record, original)
    record.delete()
    return original


def reject(record, *, note: str) -> None:
    """Send a record (or a pending change) in review back to its authors with ``note``."""
    if record.state != ReviewState.IN_REVIEW:
        raise ValidationError(_("Only an entry in review can be sent back."))
    if not note.strip():
        raise ValidationError({"note": _("Say what should be changed.")})
    record.state = ReviewState.DRAFT
    record.review_note = note.strip()
    _save_state(record, "state", "review_note")


def archive(record) -> None:
    """Take a record out of publication for good; its pending change is deleted."""
    if record.revision_of_id is not None:
        raise ValidationError(_("Archive the entry, not its pending change."))
    type(record)._default_manager.filter(revision_of=record).delete()
    record.state = ReviewState.ARCHIVED
    _save_state(record, "state")
