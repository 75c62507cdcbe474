"""Test settings: fast hashing, in-memory e-mail and cache, SQLite or PostgreSQL."""

import os

import environ

from .base import *  # noqa: F403
from .base import KNOTENPUNKT_TASK_BACKENDS, STATIC_ROOT

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False

_test_db_url = os.environ.get("KNOTENPUNKT_TEST_DATABASE_URL")
if _test_db_url:
    DATABASES = {"default": environ.Env.db_url_config(_test_db_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "TEST": {"NAME": ":memory:"},
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once, inside the test, whatever KNOTENPUNKT_TASK_BACKEND says.
TASKS = {"default": {"BACKEND": KNOTENPUNKT_TASK_BACKENDS["immediate"], "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests warm up explicitly (core/tests/test_warmup.py).
KNOTENPUNKT_WARM_UP = False

# WhiteNoise looks for collected files here; an empty folder keeps it quiet before collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
