"""Record changes (services call ``record_change`` inside their transaction) and show them."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .richtext import RichTextField
from .templatetags.kern import list_separator
from .textdiff import TextDiff, as_text, text_diff


def record_change(*, actor, district, action: str, target, changes: dict | None = None):
    return AuditEntry.objects.create(
        district=district,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        changes=changes or {},
    )


def history_of(*, district, target):
    """Return the audit entries of ``target`` in ``district``, newest first."""
    return (
        AuditEntry.objects.in_district(district)
        .filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class ShownChange:
    """One changed field of a history row: its label, its new value as a person reads it,
    and, for a text whose previous value is recorded, what changed in it word by word."""

    label: str
    value: str
    diff: TextDiff | None = None


@dataclass(frozen=True)
class HistoryRow:
    """One line of a "History of changes" table (``components/history_table.html``)."""

    created_at: datetime.datetime
    who: str
    action: str
    changes: list  # ShownChange


def _changes(entry) -> dict:
    return entry.changes if isinstance(entry.changes, dict) else {}


class RecordedValues:
    """Show the values the audit log recorded for the fields of ``model`` as labels.

    The log keeps codes and ids ("families, parents", "ar, de"), "True", ISO dates and text
    without tags; a person reads choice labels, names, "yes", local dates. Related records
    named by id are read with one query per field for all ``entries``.
    """

    def __init__(self, model, entries):
        self.model = model
        self.names = {}
        wanted = {}
        for entry in entries:
            for name, recorded in _changes(entry).items():
                field = self.field(name)
                if field is not None and field.many_to_many and recorded:
                    wanted.setdefault(name, set()).update(_items(recorded))
        for name, keys in wanted.items():
            related = self.field(name).related_model._default_manager
            try:
                self.names[name] = {str(item.pk): str(item) for item in related.filter(pk__in=keys)}
            except (ValueError, TypeError, ValidationError):
                self.names[name] = {}

    def field(self, name):
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        # Reverse relations ("places") are recorded as text by the app itself.
        return None if field.auto_created and not field.concrete else field

    def is_text(self, name) -> bool:
        field = self.field(name)
        return isinstance(field, models.CharField | models.TextField) and not field.choices

    def show(self, name, recorded):
        field = self.field(name)
        if field is None or recorded in (None, ""):
            return recorded
        if field.many_to_many:
            names = self.names.get(name, {})
            return list_separator().join(sorted(names.get(item, item) for item in _items(recorded)))
        if field.choices:
            return str(dict(field.flatchoices).get(recorded, recorded))
        if isinstance(field, models.BooleanField):
            return _("yes") if recorded in (True, "True", "true") else _("no")
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            parsed = parse_date(str(recorded)) if isinstance(recorded, str) else None
            return date_format(parsed, "SHORT_DATE_FORMAT") if parsed else recorded
        if isinstance(field, RichTextField):
            return as_text(recorded)
        return recorded


def _items(recorded) -> list[str]:
    return [item.strip() for item in str(recorded).split(",") if item.strip()]


def _text_diffs(entries, values) -> dict:
    """Return {(entry id, field): TextDiff} of each recorded text against its previous value."""
    diffs, previous = {}, {}
    for entry in reversed(entries):  # oldest first
        for name, recorded in _changes(entry).items():
            if not values.is_text(name):
                continue
            before = previous.get(name)
            if before and recorded != before:
                diff = text_diff(before, recorded)
                if diff.changed:
                    diffs[(entry.pk, name)] = diff
            previous[name] = recorded
    return diffs


def history_rows(entries, *, actions, labels, automatic=None, value=None, model=None):
    """Return ``HistoryRow``s for audit ``entries`` (newest first).

    ``actions`` and ``labels`` name the actions and fields; ``automatic`` ({action: who})
    names who did an action without a logged-in person (default: Knotenpunkt itself);
    ``model``: show the values of its fields as labels (``RecordedValues``) and a changed
    text as the difference to its previous recorded value; ``value(field, value)`` shows a
    recorded value after that (default: as it is).
    """
    automatic = automatic or {}
    entries = list(entries)
    values = RecordedValues(model, entries) if model is not None else None
    diffs = _text_diffs(entries, values) if values is not None else {}
    rows = []
    for entry in entries:
        if entry.actor:
            who = entry.actor.name or entry.actor.email
        else:
            who = automatic.get(entry.action) or _("Knotenpunkt (automatic)")
        changes = []
        for field, recorded in _changes(entry).items():
            shown = values.show(field, recorded) if values is not None else recorded
            if value:
                shown = value(field, shown)
            label = labels.get(field, field)
            changes.append(ShownChange(label, shown, diffs.get((entry.pk, field))))
        rows.append(
            HistoryRow(
                created_at=entry.created_at,
                who=who,
                action=actions.get(entry.action, entry.action),
                changes=changes,
            )
        )
    return rows
