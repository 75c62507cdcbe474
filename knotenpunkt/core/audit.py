"""Record changes: services call ``record_change`` inside their transaction."""

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
