"""Production settings refuse to start without a secret and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROD = "knotenpunkt.config.settings.prod"


def _run(args, tmp_path, **env):
    """Run ``python args`` in the project with only the environment given here."""
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "KNOTENPUNKT_VAR_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(  # noqa: S603  (our own interpreter, fixed arguments)
        [sys.executable, *args],
        cwd=Path(settings.BASE_DIR),
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_load_without_a_secret_key(tmp_path):
    result = _run(["-c", f"import {PROD}"], tmp_path)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DJANGO_SETTINGS_MODULE=PROD,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="knotenpunkt.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
