"""Tasks of the kernel itself (docs/decisions/0012)."""

from django_tasks import task

from .events import run_reaction


@task()
def react(*, handler_path: str, event_path: str, payload: dict) -> None:
    """Run one app's reaction to another app's event (``core.events``)."""
    run_reaction(handler_path=handler_path, event_path=event_path, payload=payload)
