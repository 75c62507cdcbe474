"""Shared set-up for the benchmark scripts: a throwaway database with demo data.

Not a test module. Each script calls ``setup_database()`` first, then imports Django code.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def arguments(description, **defaults):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL URL of a database to create and drop, e.g. "
        "postgres://postgres@127.0.0.1:5432/knotenpunkt_bench (default: SQLite in a temp dir)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="PostgreSQL: keep the database afterwards, and reuse one a previous --keep run "
        "left (its data is not generated again)",
    )
    for name, value in defaults.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    return parser.parse_args()


def _maintenance(url):
    """Run SQL on the server's ``postgres`` database (CREATE/DROP DATABASE)."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Unexpected database name {name!r}")

    def run(sql):
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql)

    return name, run


class Database:
    """A throwaway database: SQLite in a temp dir, or a PostgreSQL database we create."""

    def __init__(self, url, *, keep=False):
        self.url = url
        self.keep = bool(url) and keep
        self.reused = False
        self.tempdir = None
        if url:
            self.name, self._run = _maintenance(url)
            if self.keep and self._exists():
                self.reused = True
            else:
                self._run(f'DROP DATABASE IF EXISTS "{self.name}"')
                self._run(f'CREATE DATABASE "{self.name}"')
            os.environ["DATABASE_URL"] = url
        else:
            self.tempdir = tempfile.TemporaryDirectory(prefix="knotenpunkt-bench-")
            os.environ["DATABASE_URL"] = f"sqlite:///{self.tempdir.name}/bench.sqlite3"

    def _exists(self):
        import psycopg

        try:
            connection = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError:  # no such database yet
            return False
        with connection:
            row = connection.execute(
                "SELECT to_regclass('offers_offer') IS NOT NULL"
                " AND EXISTS (SELECT 1 FROM django_migrations)"
            ).fetchone()
        return bool(row and row[0])

    def drop(self):
        from django.db import connections

        connections.close_all()
        if self.keep:
            print(f"Database {self.name} kept (--keep); drop it when done.")
        elif self.url:
            self._run(f'DROP DATABASE IF EXISTS "{self.name}"')
        else:
            self.tempdir.cleanup()


def setup_database(url, *, keep=False):
    """Create the database, configure and migrate Django, load the demo districts.

    With ``keep`` an existing PostgreSQL database is reused as it is (``database.reused``).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.config.settings.dev")
    os.environ["DEBUG"] = "false"
    database = Database(url, keep=keep)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    call_command("migrate", verbosity=0, interactive=False)
    if database.reused:
        return database
    from knotenpunkt.core.demo import load_demo

    load_demo()
    return database


def timed(function, *args, **kwargs):
    """Call ``function``; return (wall ms, CPU ms of this process, result).

    The CPU time is less disturbed by other load on a shared machine; it leaves out the
    time a PostgreSQL server spends in its own processes.
    """
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000, result


def load_average():
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def percentiles(values):
    ordered = sorted(values)

    def pick(share):
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return {
        "p50": statistics.median(ordered),
        "p95": pick(0.95),
        "max": ordered[-1],
    }


def machine():
    """Describe the machine: CPU model and cores, memory, Python, database version."""
    from django.db import connection

    model = platform.processor() or "unknown CPU"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout  # noqa: S607
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return f"{os.cpu_count()} cores {model}{memory}; Python {platform.python_version()}; {database}"


def cpu_probe():
    """Return the milliseconds a fixed piece of pure Python takes here (best of three).

    Machines of the same name differ, and a shared machine's speed drifts with its
    neighbours' load: a run's figures compare with another run's only where the probes
    are close.
    """
    best = None
    for _ in range(3):
        started = time.perf_counter()
        sum(number * number for number in range(2_000_000))
        elapsed = (time.perf_counter() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return best


def commit():
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        ).stdout.strip()
        return result.stdout.strip() + ("+changes" if dirty else "")
    except OSError:
        return "unknown"
