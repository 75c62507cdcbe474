"""Fixtures for tests with real worker processes (`manage.py worker`).

``worker_database`` (once per test session and xdist process) creates and migrates a
database that both the test and its worker processes see (worker_database.py).
``worker_db`` points this process's default connection at it for one test, empties its
tables first, and queues tasks in it. ``start_worker`` starts workers with
worker_settings.py; every one still running is killed when the test ends.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .worker_database import URL_VARIABLE, database_config

REPO_DIR = Path(__file__).resolve().parents[3]
SETTINGS = "knotenpunkt.core.tests.worker_settings"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def wait_until(condition, *, timeout=30.0, interval=0.1, message="condition"):
    """Return ``condition()`` once it is true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} s waiting for: {message}")
        time.sleep(interval)


class WorkerProcess:
    """One `manage.py worker` process, its output in a log file."""

    def __init__(self, *, env, log_path, worker_id):
        self.worker_id = worker_id
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603  (our own manage.py, fixed arguments)
            [sys.executable, "manage.py", "worker", "--interval", "0.1", "--worker-id", worker_id],
            cwd=REPO_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self):
        return self.process.pid

    def is_running(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: the worker gets no chance to clean up, as after a crash."""
        if self.is_running():
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log.close()

    def stop(self) -> None:
        if self.is_running():
            self.process.send_signal(signal.SIGTERM)
            try:
                # Generous: on a loaded two-core CI machine a clean shutdown can take seconds.
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def _server_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def _temporary_database():
    """Yield the URL of a new, empty database; drop it afterwards."""
    server = os.environ.get("KNOTENPUNKT_TEST_DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        import psycopg

        base = urlsplit(server).path.strip("/") or "knotenpunkt"
        name = f"{base}_workers_{uuid.uuid4().hex[:8]}"
        admin_url = _server_url(server, "postgres")
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _server_url(server, name)
        finally:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory(prefix="knotenpunkt-workers-") as folder:
            yield f"sqlite:///{folder}/workers.sqlite3"


class WorkerDatabase:
    def __init__(self, url):
        self.url = url
        self.config = database_config(url)
        self.is_postgresql = "postgresql" in self.config["ENGINE"]

    def env(self, **extra) -> dict:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, URL_VARIABLE: self.url}
        env.pop("KNOTENPUNKT_TEST_DATABASE_URL", None)
        env.update({key: str(value) for key, value in extra.items()})
        return env


@pytest.fixture(scope="session")
def worker_database():
    """A migrated database for tests with worker processes (created once per session)."""
    with _temporary_database() as url:
        database = WorkerDatabase(url)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
            cwd=REPO_DIR,
            env=database.env(),
            check=True,
        )
        yield database


@contextmanager
def connected_to(config):
    """Point this process's default database connection at ``config`` for a while."""
    from django.db import connections
    from django.db.utils import load_backend

    config = connections.configure_settings({"default": dict(config)})["default"]
    replacement = load_backend(config["ENGINE"]).DatabaseWrapper(config, "default")
    original = connections["default"]
    connections["default"] = replacement
    try:
        yield replacement
    finally:
        replacement.close()
        connections["default"] = original


@pytest.fixture
def worker_db(worker_database, django_db_blocker, settings):
    """Use the shared database in this test, emptied of the previous test's rows."""
    from django.apps import apps

    settings.TASKS = DATABASE_TASKS
    with django_db_blocker.unblock(), connected_to(worker_database.config):
        for label in (
            "outbox.OutgoingMail",
            "django_tasks_database.DBTaskResult",
            "core.WorkerHeartbeat",
            "core.ScheduledJob",
        ):
            apps.get_model(label).objects.all().delete()
        yield worker_database


@pytest.fixture
def start_worker(worker_database, tmp_path):
    """Return a function that starts a worker process; all are stopped after the test."""
    started = []

    def start(*, smtp_port=25, database_url=None, name=None):
        name = name or f"worker-{len(started) + 1}"
        env = worker_database.env(KNOTENPUNKT_WORKER_TEST_SMTP_PORT=smtp_port)
        if database_url:
            env[URL_VARIABLE] = database_url
        process = WorkerProcess(env=env, log_path=tmp_path / f"{name}.log", worker_id=name)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
