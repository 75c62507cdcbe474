"""The task worker that keeps going: ``manage.py worker`` (docs/decisions/0015).

It runs django-tasks-db's worker loop (claim a READY task, run it) and adds what an
installation without an operator on call needs:

- **Database outages**: an OperationalError or InterfaceError closes the connections, is
  logged once, and the worker waits (0.5 s, doubling to 5 s) and carries on. A task cut
  off by the outage goes back to READY once the database answers.
- **Heartbeat**: a thread of its own (with its own connection) writes ``WorkerHeartbeat``
  every few seconds, also while a long task runs.
- **Dead workers**: a task left RUNNING by a worker whose heartbeat is older than
  KNOTENPUNKT_WORKER_DEAD_AFTER goes back to READY, so a live worker runs it again. Tasks
  must therefore be idempotent. Only workers that wrote heartbeats are judged: tasks of a
  plain ``db_worker`` are left alone.
- **Periodic jobs**: every ``PeriodicJob`` of the apps' plugin.py (``every`` or
  ``daily_at`` in TIME_ZONE). A due job is claimed with a conditional UPDATE of its
  ``ScheduledJob`` row, so of several workers exactly one runs it; an error in a job is
  logged and the worker goes on.
"""

import datetime
import logging
import os
import socket
import threading
import time
import zoneinfo
from types import FrameType

from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import ScheduledJob, WorkerHeartbeat
from .plugins import PeriodicJob, contributions

logger = logging.getLogger("knotenpunkt.worker")

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
FIRST_PAUSE = 0.5  # seconds to wait after a database error; doubles up to MAX_PAUSE
MAX_PAUSE = 5.0
# A task cut off by database outages this often fails for good (it may be the task's bug).
MAX_RUNS = 10
# A second stop signal this soon after the first is the same request (e.g. Ctrl+C reaches
# the worker and `make run`'s restart loop, which passes it on), not "force it".
SAME_SIGNAL_WINDOW = 2.0
FORGET_DEAD_WORKERS_AFTER = datetime.timedelta(days=1)


class ResilientWorker(Worker):
    """django-tasks-db's ``Worker``, kept alive through outages; see the module docstring."""

    def __init__(self, *, periodic_jobs: bool = True, **options):
        super().__init__(**options)
        self.periodic_jobs = periodic_jobs
        self._pause = 0.0
        self._outage_started = None
        self._cut_off_task = None
        self._last_jobs_check = 0.0
        self._last_recovery = 0.0
        self._first_signal_at = None
        self.heartbeat = Heartbeat(self.worker_id)

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        now = time.monotonic()
        if self._first_signal_at is not None and now - self._first_signal_at < SAME_SIGNAL_WINDOW:
            return
        self._first_signal_at = now
        super().shutdown(signum, frame)

    def run(self) -> None:
        logger.info("Worker %s starts (queues: %s).", self.worker_id, ",".join(self.queue_names))
        try:
            while self.running:
                try:
                    ran_task = self._step()
                except DATABASE_UNAVAILABLE as error:
                    self._wait_out(error)
                    continue
                if self._outage_started is not None:
                    logger.warning(
                        "Database available again after %.0f s.",
                        time.monotonic() - self._outage_started,
                    )
                    self._outage_started, self._pause = None, 0.0
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if self.running and not ran_task:
                    time.sleep(self.interval)
        finally:
            self.heartbeat.stop()

    def _step(self) -> bool:
        """Do one round of work; return whether a task ran."""
        # As Django does around a request: drop connections past CONN_MAX_AGE or broken.
        close_old_connections()
        if self.heartbeat.ident is None:
            self.heartbeat.beat()  # before the first task, so the worker is never unknown
            self.heartbeat.start()
        if self._cut_off_task is not None:
            release_task(self._cut_off_task)
            self._cut_off_task = None
        now = time.monotonic()
        if now - self._last_recovery >= recovery_every().total_seconds():
            requeue_tasks_of_dead_workers()
            self._last_recovery = now
        if self.periodic_jobs and now - self._last_jobs_check >= 1:
            run_due_jobs()
            self._last_jobs_check = now
        task_result = self._claim_next_task()
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def _claim_next_task(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one claimed task, as django-tasks-db does, but keep it on a database outage.

        A task cut off because the database went away is not failed: it goes back to READY
        when the database answers again (after MAX_RUNS runs it fails after all).
        """
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except DATABASE_UNAVAILABLE as error:
            if len(db_task_result.worker_ids) >= MAX_RUNS:
                self._fail(db_task_result, error)
            else:
                self._cut_off_task = db_task_result.pk
                raise
        except BaseException as error:
            self._fail(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _fail(self, db_task_result, error) -> None:
        db_task_result.set_failed(error)
        try:
            sender = type(db_task_result.task.get_backend())
        except ImportError:
            logger.exception("Task %s failed unexpectedly", db_task_result.pk)
        else:
            task_finished.send(sender=sender, task_result=db_task_result.task_result)

    def _wait_out(self, error: Exception) -> None:
        if self._outage_started is None:
            self._outage_started = time.monotonic()
            logger.warning(
                "Database unavailable (%s); the worker waits and tries again.",
                type(error).__name__,
            )
        close_connections()
        self._pause = min(self._pause * 2 if self._pause else FIRST_PAUSE, MAX_PAUSE)
        time.sleep(self._pause)


class Heartbeat(threading.Thread):
    """Write the worker's ``WorkerHeartbeat`` every KNOTENPUNKT_WORKER_HEARTBEAT."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "last_seen_at": timezone.now(),
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
            },
        )

    def run(self) -> None:
        every = settings.KNOTENPUNKT_WORKER_HEARTBEAT.total_seconds()
        try:
            while not self.stopped.wait(every):
                try:
                    self.beat()
                except DATABASE_UNAVAILABLE:
                    # The main loop reports the outage; this thread's connection is its own.
                    connection.close()
                except Exception:
                    # A heartbeat that stopped would get this worker's tasks run twice.
                    logger.exception("Heartbeat of worker %s failed; trying on.", self.worker_id)
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop beating and remove the row: a worker that stopped cleanly left no tasks."""
        self.stopped.set()
        if self.is_alive():
            self.join(timeout=5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DATABASE_UNAVAILABLE:
            pass


def recovery_every() -> datetime.timedelta:
    return min(settings.KNOTENPUNKT_WORKER_DEAD_AFTER / 4, datetime.timedelta(seconds=15))


def requeue_tasks_of_dead_workers(*, now=None) -> int:
    """Put the RUNNING tasks of workers without a recent heartbeat back to READY."""
    now = now or timezone.now()
    dead = set(
        WorkerHeartbeat.objects.filter(
            last_seen_at__lt=now - settings.KNOTENPUNKT_WORKER_DEAD_AFTER
        ).values_list("worker_id", flat=True)
    )
    requeued = 0
    if dead:
        for task_result in DBTaskResult.objects.running().only("id", "worker_ids"):
            if task_result.worker_ids and task_result.worker_ids[-1] in dead:
                requeued += release_task(task_result.pk)
        WorkerHeartbeat.objects.filter(last_seen_at__lt=now - FORGET_DEAD_WORKERS_AFTER).delete()
    if requeued:
        logger.warning("%s task(s) of dead workers are queued again.", requeued)
    return requeued


def release_task(task_id) -> int:
    """Put a RUNNING task back to READY, to be run again; return 1 if it was running."""
    return DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY
    )


def periodic_jobs() -> dict[str, PeriodicJob]:
    return {job.key: job for _label, job in contributions("periodic_jobs")}


def next_run(job: PeriodicJob, *, after: datetime.datetime) -> datetime.datetime:
    """Return when ``job`` runs next after ``after``."""
    if job.every is not None:
        return after + job.every
    return next_daily(job.daily_at, after=after)


def next_daily(at: datetime.time, *, after: datetime.datetime) -> datetime.datetime:
    """Return the first ``at`` o'clock (local time, TIME_ZONE) later than ``after``."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = timezone.localtime(after, zone).date()
    while True:
        candidate = datetime.datetime.combine(day, at, tzinfo=zone)
        if candidate > after:
            return candidate
        day += datetime.timedelta(days=1)


def run_due_jobs(*, now=None) -> list[str]:
    """Run the periodic jobs that are due and that this worker claims; return their keys."""
    now = now or timezone.now()
    jobs = periodic_jobs()
    known = set(ScheduledJob.objects.filter(key__in=jobs).values_list("key", flat=True))
    for key in jobs.keys() - known:
        job = jobs[key]
        # An interval job runs at once; a daily job at its next time of day.
        first = now if job.every is not None else next_daily(job.daily_at, after=now)
        ScheduledJob.objects.get_or_create(key=key, defaults={"next_run_at": first})
    ran = []
    due = ScheduledJob.objects.filter(key__in=jobs, next_run_at__lte=now).values_list(
        "key", "next_run_at"
    )
    for key, due_at in list(due):
        job = jobs[key]
        claimed = ScheduledJob.objects.filter(key=key, next_run_at=due_at).update(
            next_run_at=next_run(job, after=now), last_started_at=now
        )
        if not claimed:
            continue  # another worker took it
        error = ""
        try:
            job.run()
        except DATABASE_UNAVAILABLE:
            raise
        except Exception as exc:
            logger.exception("Periodic job %s failed.", key)
            error = type(exc).__name__[:200]
        ScheduledJob.objects.filter(key=key).update(
            last_finished_at=timezone.now(), last_error=error
        )
        ran.append(key)
    return ran


def close_connections() -> None:
    """Close every database connection of this thread; a broken one may refuse politely."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # noqa: S110  (a dead connection has nothing left to close)
            pass
