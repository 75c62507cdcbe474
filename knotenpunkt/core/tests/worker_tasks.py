"""Tasks for the worker's tests: each run leaves a trace the test can see."""

from pathlib import Path

from django_tasks import task


@task()
def record_run(path: str = "") -> None:
    """Append a line to ``path``: one line per run."""
    if path:
        with Path(path).open("a") as trace:
            trace.write("run\n")
