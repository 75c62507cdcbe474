"""What the kernel's base brings itself: the daily pruning of finished tasks."""

import datetime

from django.core.management import call_command

from knotenpunkt.core.plugins import AppPlugin, PeriodicJob


def _prune_task_results():
    # Finished tasks older than 14 days (django-tasks-db's default), failed ones included.
    call_command("prune_db_task_results", verbosity=0)


plugin = AppPlugin(
    periodic_jobs=[
        PeriodicJob(
            "core.prune_task_results", run=_prune_task_results, daily_at=datetime.time(3, 0)
        )
    ],
)
