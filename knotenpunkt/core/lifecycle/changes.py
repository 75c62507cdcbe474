"""Apply the values of a form to a record, say what changed, and refuse stale edits.

A service describes once what may be edited on a model (``Editable``) and calls
``apply_changes``: it refuses fields that are not editable (``ValueError``, a programming
error) and related records of another district (a translated ``ValidationError``), sets the
values, saves, sets the many-to-many fields, returns ``{field: short text of the new
value}`` of what changed (the audit log's format) and can write the audit entry.

Stale edits: an edit form carries the record's *fingerprint* from the moment it was shown
(``core.forms.add_fingerprint``); if the record has changed since, ``apply_changes``
raises ``StaleEdit`` before it changes anything, so nobody overwrites a colleague's change
without having seen it.
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import record_change
from knotenpunkt.core.richtext import html_to_text

# What the audit log keeps of a value; of a text, enough to show what changed in it
# (the history shows a text's change word by word, see core.textdiff).
MAX_DESCRIPTION = 200
MAX_TEXT_DESCRIPTION = 5000


class _Keep:
    def __repr__(self):
        return "KEEP"


# A normaliser returns KEEP to leave a field as it is (e.g. a file input left empty).
KEEP = _Keep()


STALE_EDIT_MESSAGE = gettext_lazy(
    "Someone else changed this entry while you were editing it. Your changes were not "
    "saved. Here is the current version: please make your changes again."
)


class StaleEdit(ValidationError):
    """The record changed after the form was shown; nothing was saved."""

    def __init__(self):
        super().__init__(STALE_EDIT_MESSAGE, code="stale_edit")


def _items(value) -> list:
    """Return a related manager, a queryset, a collection or a single value as a list."""
    if hasattr(value, "all"):
        return list(value.all())
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [] if value is None else [value]


def describe_value(value) -> str:
    """Return a value as the audit log keeps it: its text; a list's texts, sorted."""
    if hasattr(value, "all") or isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(item) for item in _items(value)))
    return "" if value is None else str(value)


def describe_rich_text(value) -> str:
    """Return rich text as the audit log keeps it: its words, without the tags."""
    return " ".join(html_to_text(value).split())


def describe_pks(value) -> str:
    """Return the ids (codes) of related records, sorted, as the audit log keeps them."""
    return ", ".join(sorted(str(getattr(item, "pk", item)) for item in _items(value)))


@dataclass(frozen=True)
class Editable:
    """What a service may change on a model from a dict of values, and how.

    ``normalise`` maps a field to a function applied to its value first (``KEEP``: leave
    the field); ``describe`` to a function giving the audit text of its new value
    (default ``describe_value``). ``extra_state(instance)`` returns what else the edit
    form changes (rows of the record's own), as plain values for the fingerprint.
    """

    fields: Sequence[str]
    m2m_fields: Sequence[str] = ()
    normalise: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    describe: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    extra_state: Callable[[Any], Any] | None = None

    def fingerprint(self, instance) -> str:
        """Return a hash of the editable values of ``instance`` as they are now."""
        state = [
            [name, instance._meta.get_field(name).value_from_object(instance)]
            for name in self.fields
        ]
        if instance.pk is not None:
            for name in self.m2m_fields:
                state.append([name, sorted(str(item.pk) for item in getattr(instance, name).all())])
            if self.extra_state is not None:
                state.append(self.extra_state(instance))
        text = json.dumps(state, default=str, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def audit_text(self, name, value) -> str:
        """Return the new ``value`` of field ``name`` as the audit log keeps it."""
        limit = MAX_TEXT_DESCRIPTION if isinstance(value, str) else MAX_DESCRIPTION
        return self.describe.get(name, describe_value)(value)[:limit]


@dataclass(frozen=True)
class Audit:
    """The audit entry ``apply_changes`` writes: ``action`` by ``actor`` on ``target``
    (default: the changed record), ``context(instance)`` before the changed fields; only if
    something changed, unless ``when_unchanged``."""

    actor: Any
    action: str
    target: Any = None
    context: Callable[[Any], dict] | None = None
    when_unchanged: bool = False


def save_all(instance, changed: list[str]) -> None:
    """Validate and save the whole record (the default of ``apply_changes``)."""
    instance.full_clean()
    instance.save()


def save_changed(instance, changed: list[str]) -> None:
    """Validate and save only the changed fields, and nothing when nothing changed."""
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)


def check_same_district(*, district, values: Mapping[str, Any]) -> None:
    """Refuse related records of ``values`` that belong to another district."""
    for name, value in values.items():
        for item in _items(value):
            if getattr(item, "district_id", district.pk) != district.pk:
                raise ValidationError({name: _("This entry belongs to another district.")})


def check_fingerprint(*, instance, editable: Editable, fingerprint: str | None) -> None:
    """Raise ``StaleEdit`` if ``instance`` changed since the form showed ``fingerprint``
    (an empty one is not checked: the change does not come from an edit form)."""
    if fingerprint and fingerprint != editable.fingerprint(instance):
        raise StaleEdit


def apply_changes(
    *,
    instance,
    values: Mapping[str, Any],
    editable: Editable,
    district=None,
    fingerprint: str | None = None,
    save: Callable[[Any, list[str]], None] = save_all,
    audit: Audit | None = None,
) -> dict[str, str]:
    """Set ``values`` on ``instance``, save it and return ``{field: new value as text}`` of
    what changed.

    ``district``: refuse related records of other districts. ``fingerprint``: refuse with
    ``StaleEdit`` if the record changed since the form was shown. ``save(instance,
    changed fields)`` saves (``save_all`` or ``save_changed``, or the service's own).
    """
    unknown = set(values) - set(editable.fields) - set(editable.m2m_fields)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if district is not None:
        related = {
            name: value
            for name, value in values.items()
            if instance._meta.get_field(name).is_relation
        }
        check_same_district(district=district, values=related)
    check_fingerprint(instance=instance, editable=editable, fingerprint=fingerprint)
    is_new = instance._state.adding
    changes = _set_fields(instance, values, editable)
    save(instance, list(changes))
    changes |= _set_m2m(instance, values, editable, is_new=is_new)
    if audit is not None and (changes or audit.when_unchanged):
        record_change(
            actor=audit.actor,
            district=district,
            action=audit.action,
            target=audit.target or instance,
            changes={**(audit.context(instance) if audit.context else {}), **changes},
        )
    return changes


def _set_fields(instance, values, editable) -> dict[str, str]:
    changes = {}
    for name in editable.fields:
        if name not in values:
            continue
        value = values[name]
        if name in editable.normalise:
            value = editable.normalise[name](value)
            if value is KEEP:
                continue
        model_field = instance._meta.get_field(name)
        if model_field.many_to_one or model_field.one_to_one:
            # Compare ids: reading the related record would cost a query.
            differs = getattr(instance, model_field.attname) != getattr(value, "pk", value)
        else:
            differs = getattr(instance, name) != value
        if differs:
            changes[name] = editable.audit_text(name, value)
            setattr(instance, name, value)
    return changes


def _set_m2m(instance, values, editable, *, is_new) -> dict[str, str]:
    changes = {}
    for name in editable.m2m_fields:
        if name not in values:
            continue
        manager = getattr(instance, name)
        new = {str(getattr(item, "pk", item)) for item in _items(values[name])}
        old = set() if is_new else {str(pk) for pk in manager.values_list("pk", flat=True)}
        if new != old:
            manager.set(values[name])
            changes[name] = editable.audit_text(name, values[name])
    return changes
