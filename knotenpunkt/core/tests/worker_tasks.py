"""Tasks for the worker's tests: each run leaves a trace the test can see."""

from pathlib import Path

from django_tasks import task


@task()
def record_run(path: str = "") -> None:
    """Append a line to ``path``: one line per run."""
    if path:
        with Path(path).open("a") as trace:
            trace.write("run\n")


@task()
def slow_run(path: str, seconds: float) -> None:
    """Write "start", wait ``seconds``, write "end": a long task to kill in the middle."""
    import time

    with Path(path).open("a") as trace:
        trace.write("start\n")
    time.sleep(seconds)
    with Path(path).open("a") as trace:
        trace.write("end\n")
