# The one source of commands: README, .ci/run and developers use these targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Python keeps the modules it compiles (__pycache__/), even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): each process then starts in 2.6 s, not 5.8 s.
unexport PYTHONDONTWRITEBYTECODE

# Settings for the test run: production-like (DEBUG off), plain HTTP on loopback.
TEST_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=test-only-secret-key-not-for-production-use-0123456789 \
	DJANGO_SECURE_HTTPS=false DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
	DJANGO_ALLOW_ASYNC_UNSAFE=true
DEMO_ENV := DJANGO_DEBUG=true
# The suite runs in one process per core (pytest-xdist), each with its own test database. One
# more does not help: with three on 2 cores, three browsers and three test processes share the
# cores and each browser test takes 2-3 times as long (pytest 359-402 s with three, 347-352 s
# with two, from a fresh clone on PostgreSQL).
TEST_WORKERS ?= $(shell nproc)
PYTEST := $(VENV)/bin/pytest --numprocesses=$(TEST_WORKERS) --dist=worksteal --durations=10
# `make serve`: DEBUG off; the secret key from DJANGO_SECRET_KEY, else one made once and kept
# in var/secret-key; plain HTTP unless DJANGO_SECURE_HTTPS=true (behind a TLS proxy).
SECRET_KEY_FILE ?= var/secret-key
# The gunicorn workers' request metrics are added up in PROMETHEUS_MULTIPROC_DIR (emptied at
# each start).
SERVE_ENV = DJANGO_DEBUG=false DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}" \
	DJANGO_SECURE_HTTPS="$${DJANGO_SECURE_HTTPS:-false}" \
	PROMETHEUS_MULTIPROC_DIR="$${PROMETHEUS_MULTIPROC_DIR:-var/metrics}"

.PHONY: rehearse-runbook serve bench-serve backup restore stale-demo-db run test migrations-check test-static test-database install static system-deps lint format migrate demo collectstatic unit browser bench clean

run: install static stale-demo-db
	$(DEMO_ENV) $(MANAGE) migrate --no-input
	$(DEMO_ENV) $(MANAGE) make_signing_certificate
	$(DEMO_ENV) $(MANAGE) load_demo
	@echo "The background worker (it builds board assurance packs) runs beside the web server."
	$(DEMO_ENV) $(MANAGE) run_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

# Production-like serving on this machine: gunicorn (WEB_WORKERS workers, default 2; WEB_BIND,
# default 127.0.0.1:8000) with WhiteNoise, the database DATABASE_URL names (PostgreSQL in
# production; SQLite under var/ when unset) and the task worker. Ctrl-C stops both.
serve: install static $(SECRET_KEY_FILE)
	$(SERVE_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(MANAGE) migrate --no-input
	$(SERVE_ENV) sh -c 'rm -rf "$$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$$PROMETHEUS_MULTIPROC_DIR"'
	$(SERVE_ENV) $(MANAGE) run_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(SERVE_ENV) $(VENV)/bin/gunicorn --config python:idmf.gunicorn_conf idmf.wsgi

# Every command of the README's runbook, run on a throwaway PostgreSQL, printing what each
# printed (about 4 minutes: it waits for the worker's heartbeat to go stale).
rehearse-runbook: install static
	.ci/with-postgres .ci/rehearse-runbook

$(SECRET_KEY_FILE):
	@mkdir -p $(dir $@)
	@umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# What the suite needs is made side by side: the Python packages beside the stylesheet, then
# the test database migrated (tests/databases.py) beside collectstatic and the checks.
test:
	$(MAKE) --jobs=3 --no-print-directory system-deps lint migrations-check test-static test-database
	$(TEST_ENV) IDMF_TEST_DATABASE_PREPARED=1 $(PYTEST)

test-database: install
	$(TEST_ENV) $(PY) -m tests.databases

migrations-check: install
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

# The static files as the test and bench settings serve them.
test-static: install static
	$(TEST_ENV) $(MANAGE) collectstatic --no-input --verbosity 0

install: $(VENV)/.installed

# The environment without pip of its own (making one takes seconds): uv, installed by the
# interpreter's pip (or, where it has none, by one made for the environment), installs the
# dependencies named in pyproject.toml (the apps run from the checkout).
$(VENV)/.installed: pyproject.toml
	python3 -m venv --without-pip $(VENV)
	python3 -m pip --python $(VENV)/bin/python install --quiet --disable-pip-version-check uv==0.13.8 \
		|| { $(VENV)/bin/python -m ensurepip --default-pip >/dev/null && \
		$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.8; }
	$(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python -r pyproject.toml --extra dev
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# File targets: made again only when their sources change, so a second `make` (the serving
# tests run `make serve` while other tests read these files) never removes them underfoot.
static: static/build/main.css static/nhsuk/.copied

static/build/main.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

static/nhsuk/.copied: node_modules/.installed
	rm -rf static/nhsuk && mkdir -p static/nhsuk/assets
	cp $(NHSUK)/nhsuk-frontend.min.js $(NHSUK)/nhsuk-frontend.min.js.map static/nhsuk/
	cp -r $(NHSUK)/assets/images static/nhsuk/assets/images
	touch $@

# WeasyPrint needs Pango; the browser tests need Debian's Chromium (never a downloaded one).
system-deps:
	@missing=""; \
	dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# A local demo database made before the apps were split into core and decisions cannot be
# migrated (its tables belong to an app that no longer has models): rebuild it from scratch.
stale-demo-db:
	@if [ -f var/db.sqlite3 ] && python3 -c "import sqlite3, sys; db = sqlite3.connect('var/db.sqlite3'); \
		sys.exit(0 if db.execute(\"select count(*) from django_migrations where app = 'idmf'\").fetchone()[0] else 1)" 2>/dev/null; then \
		echo "var/db.sqlite3 predates the core/decisions split: rebuilding the demo database"; \
		rm -f var/db.sqlite3; \
	fi

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrate: install
	$(DEMO_ENV) $(MANAGE) migrate --no-input

demo: stale-demo-db migrate
	$(DEMO_ENV) $(MANAGE) load_demo

unit: test-static
	$(TEST_ENV) $(PYTEST) -m "not browser"

browser: test-static system-deps
	$(TEST_ENV) $(PYTEST) -m browser

bench: test-static
	$(TEST_ENV) $(PY) bench/run.py
	$(TEST_ENV) $(PY) bench/double_press.py
	$(TEST_ENV) $(PY) bench/pack.py
	$(TEST_ENV) $(PY) bench/pdf.py
	$(TEST_ENV) $(PY) bench/evidence.py

# The served benchmark: gunicorn on a throwaway PostgreSQL at bench size, loaded by wrk
# (from Debian). `make bench-serve ARGS="--write bench/RESULTS.md"` records the figures;
# ARGS="--scale 10" runs at ten times the size.
bench-serve: test-static
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	$(TEST_ENV) PG_OPTIONS="-c shared_buffers=2GB -c work_mem=16MB -c effective_cache_size=8GB" \
		.ci/with-postgres $(PY) bench/serve.py $(ARGS)

# `make backup` writes var/backups/<date and time>.backup; `make restore FILE=that file`
# puts it back. Both use DATABASE_URL, as the site does.
backup: install
	$(DEMO_ENV) $(MANAGE) backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/…"; exit 2; }
	$(DEMO_ENV) $(MANAGE) restore $(FILE)

clean:
	rm -rf $(VENV) node_modules static/build static/nhsuk var
