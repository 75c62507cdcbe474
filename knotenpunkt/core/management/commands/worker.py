"""Run the task worker that survives outages and runs the periodic jobs (core/worker.py)."""

from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import (
    valid_backend_name,
    valid_interval,
    valid_max_tasks,
    validate_worker_id,
)

from knotenpunkt.core.worker import ResilientWorker


class Command(BaseCommand):
    help = (
        "Run the task worker: background tasks (e-mails, reminders) and the periodic jobs. "
        "It survives database and mail server outages; run one or more per installation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default=DEFAULT_TASK_QUEUE_NAME,
            help="The queues to process, separated by commas; '*' for all (default: %(default)s)",
        )
        parser.add_argument(
            "--interval",
            default=1,
            type=valid_interval,
            help="Seconds to wait when there is no task (default: %(default)s)",
        )
        parser.add_argument(
            "--backend",
            default=DEFAULT_TASK_BACKEND_ALIAS,
            type=valid_backend_name,
            dest="backend_name",
            help="The task backend to work for (default: %(default)s)",
        )
        parser.add_argument(
            "--max-tasks",
            default=None,
            type=valid_max_tasks,
            help="Stop after this many tasks (default: never)",
        )
        parser.add_argument(
            "--worker-id",
            type=validate_worker_id,
            default=None,
            help="A name unique among the running workers (default: random)",
        )
        parser.add_argument(
            "--periodic-jobs",
            action=BooleanOptionalAction,
            default=True,
            help="Run the periodic jobs of the apps (default: yes)",
        )

    def handle(self, *, queue_name, interval, backend_name, max_tasks, worker_id, **options):
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=False,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
            periodic_jobs=options["periodic_jobs"],
        )
        worker.configure_signals()
        worker.run()
