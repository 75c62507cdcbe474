# Knotenpunkt — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto
# The task worker, started again whenever it stops (a crash, or kill -9) until this shell is
# stopped; a TERM or Ctrl+C passes on to the worker, which finishes its task and ends.
KEEP_WORKER_RUNNING = trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; exit 0' INT TERM; \
	while :; do \
	  $(MANAGE) worker & pid=$$!; wait $$pid; \
	  echo "The task worker stopped (exit status $$?); starting it again in 2 seconds." >&2; \
	  sleep 2 & pid=$$!; wait $$pid; \
	done

.PHONY: run worker test check install assets chromium java demo lint format messages catalog-check deploy-check clean

## run: install, build assets, migrate the SQLite database in var/, load the demo, serve on :8000
##      with the task worker beside it (Ctrl+C stops both)
# Links in e-mails point to the server `make run` starts, unless KNOTENPUNKT_SITE_URL says otherwise.
run: export KNOTENPUNKT_SITE_URL ?= http://$(HOST):$(PORT)
run: install assets
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	@echo ""
	@echo "Knotenpunkt runs on http://$(HOST):$(PORT)/  (Ctrl+C stops it and the task worker)"
	( $(KEEP_WORKER_RUNNING) ) & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

## worker: run only the task worker (e-mails, reminders, periodic jobs), restarted if it
##         stops; `make run` starts one already
worker: install
	$(KEEP_WORKER_RUNNING)

## test: install what is missing and run the whole test suite (browser tests included)
test: install java assets chromium
	$(PY) -m pytest $(PYTEST_ARGS)

## check: every check CI runs: format, lint, migrations, catalogs, deploy settings, tests
check: install java assets chromium lint deploy-check catalog-check
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Knotenpunkt needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(PY) -m pip install --quiet uv==0.13.9
	$(UV) pip install --quiet --python $(PY) -r requirements-dev.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

assets: knotenpunkt/static/vendor/.built

knotenpunkt/static/vendor/.built: package.json package-lock.json scripts/build-static.mjs $(wildcard knotenpunkt/*/frontend/*.mjs)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $@

## chromium: Debian's chromium for the browser tests (Playwright cannot download browsers here)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Please install chromium (sudo apt-get install chromium) for the browser tests."; exit 1; fi; }

## java: a Java runtime for the Nu Html Checker (vnu.jar, from npm) that checks every page
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Please install Java (sudo apt-get install default-jre-headless) for the HTML validation tests."; exit 1; fi; }

demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: extract strings into the catalogs and compile them (needs GNU gettext)
messages: install
	$(PY) scripts/catalogs.py update

catalog-check: install
	$(PY) scripts/catalogs.py check

## deploy-check: the production settings pass `check --deploy`, and collectstatic (manifest
##               storage: every file a stylesheet or script names must exist) succeeds
deploy-check: install assets
	DJANGO_SETTINGS_MODULE=knotenpunkt.config.settings.prod SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-value-for-deploy-checks \
	  ALLOWED_HOSTS=knotenpunkt.example $(MANAGE) check --deploy --fail-level WARNING
	var=$$(mktemp -d) && trap 'rm -rf "$$var"' EXIT && \
	  DJANGO_SETTINGS_MODULE=knotenpunkt.config.settings.prod SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-value-for-deploy-checks \
	  ALLOWED_HOSTS=knotenpunkt.example KNOTENPUNKT_VAR_DIR=$$var $(MANAGE) collectstatic --no-input --verbosity 0

clean:
	rm -rf $(VENV) node_modules knotenpunkt/static/vendor
