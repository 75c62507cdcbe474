"""Production settings refuse to start without a secret, pass the deploy checks, queue tasks."""

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


def _task_backend(tmp_path, **env):
    return _run(
        ["-c", f"from {PROD} import TASKS; print(TASKS['default']['BACKEND'])"],
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        **env,
    )


def test_production_queues_tasks_in_the_database_for_the_worker(tmp_path):
    result = _task_backend(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


def test_an_installation_without_a_worker_can_run_tasks_at_once(tmp_path):
    result = _task_backend(tmp_path, KNOTENPUNKT_TASK_BACKEND="immediate")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"


def test_an_unknown_task_backend_refuses_to_start(tmp_path):
    result = _task_backend(tmp_path, KNOTENPUNKT_TASK_BACKEND="celery")

    assert result.returncode != 0
    assert "KNOTENPUNKT_TASK_BACKEND is 'celery'" in result.stderr


def test_tests_run_tasks_at_once():
    backend = settings.TASKS["default"]["BACKEND"]
    assert backend == "django_tasks.backends.immediate.ImmediateBackend"


_LANGUAGE_COOKIE = """
import django
django.setup()
from django.test import Client
response = Client().post(
    "/i18n/setlang/", {"language": "en", "next": "/"}, secure=True, HTTP_HOST="knotenpunkt.example"
)
cookie = response.cookies["django_language"]
print(cookie.value, bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
"""


def test_the_language_cookie_is_secure_httponly_and_same_site_in_production(tmp_path):
    result = _run(
        ["-c", _LANGUAGE_COOKIE],
        tmp_path,
        DJANGO_SETTINGS_MODULE=PROD,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="knotenpunkt.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["en", "True", "True", "Lax"]


def test_the_trusted_proxy_for_the_login_limits_comes_from_the_environment(tmp_path):
    script = (
        f"from {PROD} import ALLAUTH_TRUSTED_PROXY_COUNT as n, "
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER as h; print(n, h)"
    )
    secret = secrets.token_urlsafe(50)

    direct = _run(["-c", script], tmp_path, SECRET_KEY=secret)
    proxied = _run(
        ["-c", script],
        tmp_path,
        SECRET_KEY=secret,
        ALLAUTH_TRUSTED_PROXY_COUNT="1",
        ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
    )

    assert direct.stdout.split() == ["0", "None"], direct.stderr
    assert proxied.stdout.split() == ["1", "X-Real-IP"], proxied.stderr
