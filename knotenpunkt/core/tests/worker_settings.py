"""Settings of the worker processes that the fault tests start (see worker_harness.py).

The test settings, but with the database the test shares with them, tasks queued in it,
mail sent over SMTP to the test's server, and every wait shortened to fractions of the
production values, so a test sees retries, recoveries and dead workers within seconds.
"""

import os
from datetime import timedelta

from knotenpunkt.config.settings.test import *  # noqa: F403

from .worker_database import URL_VARIABLE, database_config

DATABASES = {"default": database_config(os.environ[URL_VARIABLE])}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("KNOTENPUNKT_WORKER_TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_TIMEOUT = 3

KNOTENPUNKT_OUTBOX_LEASE = timedelta(seconds=4)
KNOTENPUNKT_OUTBOX_FIRST_RETRY = timedelta(seconds=0.5)
KNOTENPUNKT_OUTBOX_MAX_RETRY_DELAY = timedelta(seconds=1)
KNOTENPUNKT_OUTBOX_OVERDUE_AFTER = timedelta(seconds=1)
KNOTENPUNKT_OUTBOX_RECOVER_EVERY = timedelta(seconds=0.5)
KNOTENPUNKT_WORKER_HEARTBEAT = timedelta(seconds=0.5)
KNOTENPUNKT_WORKER_DEAD_AFTER = timedelta(seconds=3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"knotenpunkt": {"handlers": ["console"], "level": "INFO"}},
}
