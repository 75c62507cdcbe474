"""Delete a record, or say in plain words what must happen first.

Records of other apps that refer to a record with ``on_delete=PROTECT`` (or RESTRICT) keep
it from being deleted: an organisation that still provides offers, say. The database
refuses; this module turns the refusal into sentences the person can act on, from the
``DeletionHint``s that the apps owning the protecting rows declare in their plugins. The
owner of the record never needs to know those apps.
"""

from collections import Counter

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from .plugins import contributions


class DeletionRefused(Exception):
    """Other records still need this one; ``reasons`` say which and what to do."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def hint(model_label: str, count: int, verbose_name_plural: str) -> str:
    """Return the sentence for ``count`` protecting rows of ``model_label``."""
    for _app, item in contributions("deletion_hints"):
        if item.model == model_label:
            return item.message(count)
    return _("%(count)s %(records)s still refer to it.") % {
        "count": count,
        "records": verbose_name_plural,
    }


def delete_or_explain(instance) -> None:
    """Delete ``instance`` (cascading as its model says) or raise DeletionRefused."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        blockers = Counter()
        names = {}
        for row in (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else error.restricted_objects
        ):
            label = row._meta.label_lower
            blockers[label] += 1
            names[label] = str(row._meta.verbose_name_plural)
        raise DeletionRefused(
            [hint(label, count, names[label]) for label, count in sorted(blockers.items())]
        ) from error
