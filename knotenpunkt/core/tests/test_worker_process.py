"""Real worker processes: a task whose worker was killed is run again by another one."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knotenpunkt.core.models import WorkerHeartbeat
from knotenpunkt.core.tests.worker_harness import wait_until
from knotenpunkt.core.tests.worker_tasks import slow_run

pytestmark = [pytest.mark.worker]


def test_a_task_whose_worker_was_killed_is_run_again_by_a_live_worker(
    worker_db, start_worker, tmp_path
):
    trace = tmp_path / "trace"
    result = slow_run.enqueue(str(trace), 30)
    first = start_worker()
    wait_until(lambda: trace.exists() and trace.read_text() == "start\n", message="task started")
    first.kill()

    # The task would now stay RUNNING for ever; another worker sees the silent heartbeat.
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == TaskResultStatus.RUNNING
    DBTaskResult.objects.filter(pk=result.id).update(
        args_kwargs={"args": [str(trace), 0.1], "kwargs": {}}
    )  # the second run is quick
    second = start_worker(name="worker-2")

    wait_until(
        lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
        message="the task run by worker 2",
    )
    assert trace.read_text() == "start\nstart\nend\n"
    assert DBTaskResult.objects.get(pk=result.id).worker_ids == ["worker-1", "worker-2"]
    assert second.is_running()
    assert "task(s) of dead workers are queued again" in second.log()


def test_a_stopped_worker_removes_its_heartbeat_and_a_running_one_keeps_it_fresh(
    worker_db, start_worker
):
    worker = start_worker()
    first = wait_until(
        lambda: WorkerHeartbeat.objects.filter(worker_id="worker-1").first(),
        message="a heartbeat",
    )
    wait_until(
        lambda: WorkerHeartbeat.objects.get(worker_id="worker-1").last_seen_at > first.last_seen_at,
        message="a newer heartbeat",
    )

    worker.stop()

    assert not WorkerHeartbeat.objects.filter(worker_id="worker-1").exists()
