"""Events one app publishes and other apps react to, after the transaction commits.

An app that owns a record publishes what happened to it as an ``Event`` (a frozen
dataclass of ids and plain values, defined in the publishing app's ``events.py``). Apps
that need to follow declare a ``Reaction`` in their ``plugin.py``; the publisher knows
none of them. Reactions run after the commit as tasks (one per reaction), so that they see
the committed data, cannot roll the change back, and a failing reaction affects only
itself. Reactions must be idempotent: a task may run again after its worker died.
"""

from dataclasses import asdict, dataclass
from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string

from .plugins import contributions


@dataclass(frozen=True)
class Event:
    """Base of every event. Fields must be JSON values (ids, strings, numbers, lists)."""

    district_id: int


def dotted_path(obj) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def reactions_to(event_type: type) -> list:
    """Return the handlers that react to ``event_type`` (or to one of its bases)."""
    return [
        reaction.handler
        for _label, reaction in contributions("reactions")
        if issubclass(event_type, reaction.event)
    ]


def publish(event: Event) -> None:
    """Queue the reactions to ``event`` for when the current transaction commits."""
    for handler in reactions_to(type(event)):
        transaction.on_commit(
            partial(_enqueue, dotted_path(handler), dotted_path(type(event)), asdict(event))
        )


def _enqueue(handler_path: str, event_path: str, payload: dict) -> None:
    from .tasks import react

    react.enqueue(handler_path=handler_path, event_path=event_path, payload=payload)


def run_reaction(*, handler_path: str, event_path: str, payload: dict) -> None:
    """Rebuild the event and call the handler (what the task does)."""
    event = import_string(event_path)(**payload)
    import_string(handler_path)(event)
