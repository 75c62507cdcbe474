"""The worker's own bookkeeping: dead workers' tasks, periodic jobs (in this process).

Real worker processes, outages and kill -9 are in test_worker_process.py and
outbox/tests/test_faults.py.
"""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knotenpunkt.core import worker
from knotenpunkt.core.models import ScheduledJob, WorkerHeartbeat
from knotenpunkt.core.plugins import PeriodicJob

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _running_task(worker_id):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="knotenpunkt.core.tests.worker_tasks.record_run",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[worker_id],
    )


def _heartbeat(worker_id, seconds_ago):
    seen = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=seen, last_seen_at=seen)


def test_the_running_task_of_a_silent_worker_is_queued_again_and_a_live_ones_is_not():
    _heartbeat("dead", seconds_ago=120)
    _heartbeat("alive", seconds_ago=1)
    orphan, busy = _running_task("dead"), _running_task("alive")
    unknown = _running_task("a-db_worker-without-heartbeats")

    assert worker.requeue_tasks_of_dead_workers() == 1

    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[orphan.pk] == TaskResultStatus.READY
    assert statuses[busy.pk] == TaskResultStatus.RUNNING
    assert statuses[unknown.pk] == TaskResultStatus.RUNNING, (
        "only workers with heartbeats are judged"
    )


class Jobs:
    """Periodic jobs for the tests, put in place of the apps' ones."""

    def __init__(self, monkeypatch, *jobs):
        monkeypatch.setattr(worker, "periodic_jobs", lambda: {job.key: job for job in jobs})


def test_a_due_interval_job_runs_once_however_many_workers_look(monkeypatch):
    runs = []
    Jobs(
        monkeypatch,
        PeriodicJob(
            key="tests.tick", run=lambda: runs.append(1), every=datetime.timedelta(minutes=1)
        ),
    )
    now = timezone.now()

    assert worker.run_due_jobs(now=now) == ["tests.tick"]
    assert worker.run_due_jobs(now=now) == [], "a second worker finds it claimed"
    assert worker.run_due_jobs(now=now + datetime.timedelta(seconds=59)) == []
    assert worker.run_due_jobs(now=now + datetime.timedelta(minutes=1)) == ["tests.tick"]
    assert len(runs) == 2


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(monkeypatch):
    def broken():
        raise ValueError("kaputt")

    runs = []
    Jobs(
        monkeypatch,
        PeriodicJob(key="tests.broken", run=broken, every=datetime.timedelta(minutes=1)),
        PeriodicJob(
            key="tests.fine", run=lambda: runs.append(1), every=datetime.timedelta(minutes=1)
        ),
    )

    assert sorted(worker.run_due_jobs()) == ["tests.broken", "tests.fine"]

    assert runs == [1]
    assert ScheduledJob.objects.get(key="tests.broken").last_error == "ValueError"


def test_a_daily_job_runs_at_its_local_time_and_catches_up_once_after_a_pause(monkeypatch):
    runs = []
    Jobs(
        monkeypatch,
        PeriodicJob(key="tests.daily", run=lambda: runs.append(1), daily_at=datetime.time(5, 15)),
    )
    evening = datetime.datetime(2026, 3, 27, 20, 0, tzinfo=BERLIN)

    assert worker.run_due_jobs(now=evening) == [], "first at the next 05:15"
    assert ScheduledJob.objects.get().next_run_at == datetime.datetime(
        2026, 3, 28, 5, 15, tzinfo=BERLIN
    )
    # The worker was down over the weekend: one run when it is back, then the next morning.
    monday = datetime.datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN)
    assert worker.run_due_jobs(now=monday) == ["tests.daily"]
    assert ScheduledJob.objects.get().next_run_at == datetime.datetime(
        2026, 3, 31, 5, 15, tzinfo=BERLIN
    )
    assert runs == [1]


def test_the_next_daily_run_keeps_its_local_time_across_the_change_to_summer_time():
    before = datetime.datetime(2026, 3, 28, 6, 0, tzinfo=BERLIN)

    following = worker.next_daily(datetime.time(5, 15), after=before)

    assert following == datetime.datetime(2026, 3, 29, 5, 15, tzinfo=BERLIN)
    assert following.utcoffset() == datetime.timedelta(hours=2)


def test_the_outbox_declares_its_periodic_jobs():
    keys = set(worker.periodic_jobs())

    assert {"outbox.recover_stalled", "outbox.prune"} <= keys
