"""Local development: `make run`. Debug on, SQLite in var/, a generated secret key."""

import secrets

from .base import *  # noqa: F403
from .base import STATIC_ROOT, STORAGES, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)


def _dev_secret_key():
    """Return the secret key kept in var/, generating it on first run."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _dev_secret_key()
STORAGES = {
    "default": STORAGES["default"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise looks for collected files here; an empty folder keeps it quiet before collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
