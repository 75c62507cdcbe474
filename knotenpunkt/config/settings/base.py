"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .storage import storage_from_environment

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(environ.Env().str("KNOTENPUNKT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "knotenpunkt.core",
    "knotenpunkt.accounts",
    "knotenpunkt.districts",
    "knotenpunkt.outbox",
    "knotenpunkt.notifications",
    "knotenpunkt.workspace",
    "knotenpunkt.directory",
    "knotenpunkt.downloads",
    "knotenpunkt.offers",
    "knotenpunkt.portal",
    "knotenpunkt.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "csp",
    "corsheaders",
    # Only for its templates and static files: the API docs without a CDN (knotenpunkt/api/v1.py).
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so that preflight requests are answered before anything else runs.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "knotenpunkt.districts.middleware.DistrictMiddleware",
    "knotenpunkt.accounts.middleware.MfaRequiredMiddleware",
]

ROOT_URLCONF = "knotenpunkt.config.urls"
WSGI_APPLICATION = "knotenpunkt.config.wsgi.application"

# Select boxes rendered in Python: see knotenpunkt/core/form_renderer.py.
FORM_RENDERER = "knotenpunkt.core.form_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knotenpunkt.core.context_processors.layout",
                "knotenpunkt.workspace.context_processors.navigation",
                "knotenpunkt.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'knotenpunkt.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at the same time (several server processes).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT compilation: it pays off for long analytical queries, not for a web
    # application's short ones, and the planner's guesses for the search's word ranges
    # switched it on (15 ms of compiling for a query of 5 ms). Set per connection, at no
    # cost per query (docs/decisions/0022).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:after_login"
LOGOUT_REDIRECT_URL = "portal:landing"

# django-allauth: e-mail login, invitation-only accounts, MFA for everyone.
ACCOUNT_ADAPTER = "knotenpunkt.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Knotenpunkt] "
# Brute-force protection: five failed logins for one account lock it for 15 minutes;
# allauth answers with a translated "too many failed login attempts" message.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/15m/key",
}
# The client's address for the per-address limits. Behind a reverse proxy every request
# comes from the proxy: name how many proxies of one's own stand in front (their
# X-Forwarded-For entries are believed, counted from the right), or the header in which the
# proxy puts the client's address. Unset, both headers are ignored: a client cannot choose
# its own address (README, Production; docs/decisions/0006).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Knotenpunkt"

# Roles whose holders see personal data of clients must use a second factor.
KNOTENPUNKT_MFA_REQUIRED_ROLES = ["integration_manager", "integration_team_lead"]
KNOTENPUNKT_INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    # The same name as the language of offers and contacts (directory.LanguageCode), so that
    # one language is not listed under two names.
    ("fa", _("Persian (Farsi, Dari)")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
]
# Languages whose catalogue is complete (the catalogue check holds them to it); for any
# other language the page says that missing texts appear in English. A new language starts
# outside this list and joins it once it is complete (docs/decisions/0002).
KNOTENPUNKT_COMPLETE_LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr", "ru"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Formats Django's locales lack (Arabic dates with a time); the rest are Django's.
FORMAT_MODULE_PATH = ["knotenpunkt.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files (documents, district logos) go through Django's storage API only: the
# folder MEDIA_ROOT, or an S3-compatible object store that several application servers
# share (docs/decisions/0021). They are always served through Knotenpunkt's views.
KNOTENPUNKT_STORAGE = env.str("KNOTENPUNKT_STORAGE", default="filesystem")
STORAGES = {
    "default": storage_from_environment(KNOTENPUNKT_STORAGE, env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The largest file anyone may upload (download centre, directory import, logo), in MB: the
# one limit (knotenpunkt/core/uploads.py). The reverse proxy allows 1 MB more for the rest of
# the form (README, Production, nginx: client_max_body_size).
KNOTENPUNKT_MAX_UPLOAD_MB = env.int("KNOTENPUNKT_MAX_UPLOAD_MB", default=10)
KNOTENPUNKT_MAX_UPLOAD_BYTES = KNOTENPUNKT_MAX_UPLOAD_MB * 1024 * 1024
# Uploads up to the limit stay in memory; the form fields beside a file may not be larger.
FILE_UPLOAD_MAX_MEMORY_SIZE = KNOTENPUNKT_MAX_UPLOAD_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = KNOTENPUNKT_MAX_UPLOAD_BYTES

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Where the installation is reached from outside: links in e-mails sent by the worker.
SITE_URL = env.str("KNOTENPUNKT_SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="knotenpunkt@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds a mail server may take to answer before an attempt is given up (and retried
# later), so that a hung server cannot block the worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# The outbox (docs/decisions/0015): every e-mail is a row, sent by the worker with retries.
# How long one delivery attempt may take before others assume its worker died.
KNOTENPUNKT_OUTBOX_LEASE = timedelta(minutes=2)
# Waits between attempts after a temporary failure: doubled each time, up to the maximum;
# after RETRY_FOR since the mail was queued, it is given up as failed.
KNOTENPUNKT_OUTBOX_FIRST_RETRY = timedelta(minutes=1)
KNOTENPUNKT_OUTBOX_MAX_RETRY_DELAY = timedelta(hours=1)
KNOTENPUNKT_OUTBOX_RETRY_FOR = timedelta(hours=72)
# A queued mail this much past its time has lost its task (worker or database were down).
KNOTENPUNKT_OUTBOX_OVERDUE_AFTER = timedelta(minutes=2)
KNOTENPUNKT_OUTBOX_RECOVER_EVERY = timedelta(minutes=1)
# The delivery log keeps rows for KEEP; bodies of failed mails are blanked after KEEP_BODIES.
KNOTENPUNKT_OUTBOX_KEEP = timedelta(days=180)
KNOTENPUNKT_OUTBOX_KEEP_BODIES = timedelta(days=30)
KNOTENPUNKT_OUTBOX_PRUNE_AT = time(3, 30)  # local time (TIME_ZONE)

# Background work (e-mails, reminders, archiving) runs as tasks (docs/decisions/0012).
# "database" stores them for the worker (`manage.py worker`); "immediate" runs them at
# once in the process that enqueues them, which needs no worker but makes requests wait.
KNOTENPUNKT_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env.str("KNOTENPUNKT_TASK_BACKEND", default="database")
if _task_backend not in KNOTENPUNKT_TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"KNOTENPUNKT_TASK_BACKEND is {_task_backend!r}; "
        f"use one of: {', '.join(KNOTENPUNKT_TASK_BACKENDS)}."
    )
TASKS = {
    "default": {"BACKEND": KNOTENPUNKT_TASK_BACKENDS[_task_backend], "QUEUES": ["default"]},
}
# The worker (`manage.py worker`, knotenpunkt/core/worker.py) writes a heartbeat this often;
# the tasks of a worker silent for WORKER_DEAD_AFTER are run again by another one.
KNOTENPUNKT_WORKER_HEARTBEAT = timedelta(seconds=5)

# What one server process keeps of the offers search (docs/decisions/0022): the snapshots of
# this many districts and the matches of this many texts, least recently used out first.
KNOTENPUNKT_SEARCH_SNAPSHOTS = env.int("KNOTENPUNKT_SEARCH_SNAPSHOTS", default=48)
KNOTENPUNKT_SEARCH_MATCHES = env.int("KNOTENPUNKT_SEARCH_MATCHES", default=64)
KNOTENPUNKT_SEARCH_TERMS = env.int("KNOTENPUNKT_SEARCH_TERMS", default=128)
# Warm each server process up when the WSGI application is loaded (core.warmup).
KNOTENPUNKT_WARM_UP = env.bool("KNOTENPUNKT_WARM_UP", default=True)
KNOTENPUNKT_WORKER_DEAD_AFTER = timedelta(seconds=60)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "knotenpunkt.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The background of the offers map: a tile server's URL template and its attribution (HTML).
# The public OpenStreetMap tiles suit small installations; see their usage policy.
KNOTENPUNKT_MAP_TILE_URL = env.str(
    "KNOTENPUNKT_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
KNOTENPUNKT_MAP_ATTRIBUTION = env.str(
    "KNOTENPUNKT_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Address look-up for the places of offers (core.geocoding): a Nominatim-compatible service,
# e.g. https://nominatim.openstreetmap.org (mind its usage policy) or your own. Off when
# empty; places then get the centre of their municipality unless a pin is set on the map.
KNOTENPUNKT_GEOCODER_URL = env.str("KNOTENPUNKT_GEOCODER_URL", default="")
KNOTENPUNKT_GEOCODER_TIMEOUT = env.float("KNOTENPUNKT_GEOCODER_TIMEOUT", default=3.0)
KNOTENPUNKT_GEOCODER_USER_AGENT = env.str(
    "KNOTENPUNKT_GEOCODER_USER_AGENT", default="Knotenpunkt (integration network platform)"
)
_tile_url = urlsplit(KNOTENPUNKT_MAP_TILE_URL.replace("{s}", "*"))
_map_tile_origin = f"{_tile_url.scheme}://{_tile_url.netloc}" if _tile_url.netloc else None

# Strict Content Security Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_map_tile_origin] if _map_tile_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# CORS for the public API only: reads from any origin, without cookies (django-cors-headers).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Personal data must not reach the logs: keep request bodies out.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
