"""The database shared by a test and the worker processes it starts (no Django imports).

The in-memory SQLite test database is private to the test process, so tests with real
worker processes use a database of their own: a temporary SQLite file, or a temporary
PostgreSQL database when KNOTENPUNKT_TEST_DATABASE_URL names a PostgreSQL server.
"""

import environ

URL_VARIABLE = "KNOTENPUNKT_WORKER_TEST_DATABASE_URL"


def database_config(url: str) -> dict:
    """Return Django's settings for ``url``, with the SQLite options of the real settings."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    config["TEST"] = {"NAME": config["NAME"]}
    return config
