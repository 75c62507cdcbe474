"""Several workers at once, as on several machines: no task and no periodic job runs twice.

Tasks are claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` inside a transaction
(django-tasks-db's ``get_locked``), periodic jobs with a conditional UPDATE of their
``ScheduledJob`` row (``core.worker.run_due_jobs``). On PostgreSQL both hold across
processes and machines; SQLite serves one machine, and one worker is what the README
supports there.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knotenpunkt.core import worker
from knotenpunkt.core.models import WorkerHeartbeat
from knotenpunkt.core.plugins import PeriodicJob
from knotenpunkt.core.tests.worker_harness import wait_until
from knotenpunkt.core.tests.worker_tasks import slow_run

TASKS = 30


@pytest.mark.worker
def test_two_worker_processes_run_each_of_many_tasks_exactly_once(
    worker_db, start_worker, tmp_path
):
    workers = [start_worker(name="machine-a"), start_worker(name="machine-b")]
    wait_until(
        lambda: (
            WorkerHeartbeat.objects.filter(worker_id__in=["machine-a", "machine-b"]).count() == 2
        ),
        timeout=60,
        message="both workers up",
    )
    traces = [tmp_path / f"task-{number}" for number in range(TASKS)]
    results = [slow_run.enqueue(str(trace), 0.05) for trace in traces]

    wait_until(
        lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS,
        timeout=120,
        message=f"{TASKS} tasks done",
    )

    for trace in traces:
        assert trace.read_text() == "start\nend\n", f"{trace.name} ran more or less than once"
    runs = DBTaskResult.objects.filter(pk__in=[result.id for result in results])
    ran_by = [task.worker_ids for task in runs]
    assert all(len(ids) == 1 for ids in ran_by)
    assert {ids[0] for ids in ran_by} == {"machine-a", "machine-b"}, "both workers took tasks"
    assert all(process.is_running() for process in workers)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_periodic_job_runs_once_per_slot_however_many_workers_are_due_at_once(monkeypatch):
    runs, lock = [], threading.Lock()
    slots = [timezone.now() + datetime.timedelta(minutes=minute) for minute in range(4)]
    current = {}

    def job():
        with lock:
            runs.append(current["slot"])
        time.sleep(0.05)  # still running while the other workers look

    monkeypatch.setattr(
        worker,
        "periodic_jobs",
        lambda: {"test.every_minute": PeriodicJob("test.every_minute", run=job,
                                                  every=datetime.timedelta(minutes=1))},
    )  # fmt: skip
    workers = 4
    errors = []

    def one_worker(barrier, now):
        try:
            barrier.wait(timeout=30)
            worker.run_due_jobs(now=now)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    for number, slot in enumerate(slots):
        current["slot"] = number
        barrier = threading.Barrier(workers)
        threads = [
            # The workers' clocks differ a little; all of them see the slot as due.
            threading.Thread(
                target=one_worker,
                args=(barrier, slot + datetime.timedelta(milliseconds=7 * index)),
            )
            for index in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert runs == [0, 1, 2, 3], "one run per slot"
