"""Delete a record, or say in plain words what must happen first.

Records of other apps that refer to a record with ``on_delete=PROTECT`` (or RESTRICT) keep
it from being deleted: an organisation that still provides offers, say. The database
refuses; this module turns the refusal into sentences the person can act on, from the
``DeletionHint``s that the apps owning the protecting rows declare in their plugins. The
owner of the record never needs to know those apps.
"""

from collections import defaultdict

from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from .plugins import contributions


class DeletionRefused(Exception):
    """Other records still need this one; ``reasons`` say which and what to do."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def hint(model_label: str, rows: list, verbose_name_plural: str) -> str:
    """Return the sentence for the protecting ``rows`` of ``model_label``."""
    for _app, item in contributions("deletion_hints"):
        if item.model == model_label:
            return item.message(rows)
    return _("%(count)s %(records)s still refer to it.") % {
        "count": len(rows),
        "records": verbose_name_plural,
    }


def _reasons(error) -> list[str]:
    rows = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    blockers = defaultdict(list)
    names = {}
    for row in rows:
        label = row._meta.label_lower
        blockers[label].append(row)
        names[label] = str(row._meta.verbose_name_plural)
    return [hint(label, blockers[label], names[label]) for label in sorted(blockers)]


def reasons_against_deleting(instance) -> list[str]:
    """Return why ``instance`` cannot be deleted now ([] if it can), deleting nothing:
    Django's collector plans the deletion and finds the protecting rows."""
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as error:
        return _reasons(error)
    return []


def delete_or_explain(instance) -> None:
    """Delete ``instance`` (cascading as its model says) or raise DeletionRefused."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        raise DeletionRefused(_reasons(error)) from error
