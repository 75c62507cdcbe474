"""Record changes (services call ``record_change`` inside their transaction) and show them."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


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
class HistoryRow:
    """One line of a "History of changes" table (``components/history_table.html``)."""

    created_at: datetime.datetime
    who: str
    action: str
    changes: list  # (field label, new value)


def history_rows(entries, *, actions, labels, automatic=None, value=None):
    """Return ``HistoryRow``s for audit ``entries``.

    ``actions`` and ``labels`` name the actions and fields; ``automatic`` ({action: who})
    names who did an action without a logged-in person (default: Knotenpunkt itself);
    ``value(field, value)`` shows a recorded value (default: as it is).
    """
    automatic = automatic or {}
    rows = []
    for entry in entries:
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        if entry.actor:
            who = entry.actor.name or entry.actor.email
        else:
            who = automatic.get(entry.action) or _("Knotenpunkt (automatic)")
        rows.append(
            HistoryRow(
                created_at=entry.created_at,
                who=who,
                action=actions.get(entry.action, entry.action),
                changes=[
                    (labels.get(field, field), value(field, shown) if value else shown)
                    for field, shown in changes.items()
                ],
            )
        )
    return rows
