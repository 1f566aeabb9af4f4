# ctassist — the two commands: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export CTASSIST_VAR_DIR ?= $(CURDIR)/var

.PHONY: demo test install install-test lint schema schema-check bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The demonstration runs like production (DEBUG off, static files from WhiteNoise, the product's own
# error pages) but over plain HTTP on this machine. Its settings are kept in var/demo.env, which the
# `ctassist` command also reads when SECRET_KEY is not set, so the README's examples work after `make demo`.
DEMO_ENV := set -a && . ./var/demo.env && set +a &&

var/demo.env: var/secret_key
	@printf '%s\n' \
	  "# Written by make demo: the demonstration's settings (DEBUG off, served over HTTP on this machine)." \
	  "SECRET_KEY=$$(cat var/secret_key)" "DEBUG=0" "ALLOWED_HOSTS=127.0.0.1,localhost" \
	  "SECURE_SSL_REDIRECT=0" "SESSION_COOKIE_SECURE=0" "CSRF_COOKIE_SECURE=0" "SECURE_HSTS_SECONDS=0" \
	  "EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend" > $@
	chmod 600 $@

## Set up everything on the embedded SQLite database and serve on http://127.0.0.1:$(PORT)
demo: install var/demo.env
	$(DEMO_ENV) $(BIN)/ctassist compile_catalogues
	$(DEMO_ENV) $(BIN)/ctassist migrate --no-input -v 0
	$(DEMO_ENV) $(BIN)/ctassist collectstatic --no-input -v 0
	$(DEMO_ENV) $(BIN)/ctassist setup_demo --port $(PORT)
	@# The task worker runs beside the web server and stops with it; work a stopped worker left is queued again first.
	$(DEMO_ENV) $(BIN)/ctassist recover_tasks
	$(DEMO_ENV) $(BIN)/ctassist db_worker --no-reload > var/worker.log 2>&1 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(DEMO_ENV) $(BIN)/ctassist runserver --noreload 127.0.0.1:$(PORT)

lint: install-test
	mkdir -p var
	$(BIN)/ruff check src bench tools
	env -u DATABASE_URL $(BIN)/python tools/mypy_baseline.py
	$(BIN)/lint-imports
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ctassist.config.settings_test $(BIN)/ctassist makemigrations --check --dry-run
	$(MAKE) --no-print-directory schema-check

schema-check: install-test
	@env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ctassist.config.settings_test $(BIN)/ctassist spectacular --validate --fail-on-warn --file /tmp/ctassist-openapi.yaml
	@diff -u docs/api/openapi.yaml /tmp/ctassist-openapi.yaml > /dev/null || (echo "The OpenAPI schema drifted from docs/api/openapi.yaml: run 'make schema' and commit it." && diff -u docs/api/openapi.yaml /tmp/ctassist-openapi.yaml | head -40 && exit 1)
	@echo "OpenAPI schema matches docs/api/openapi.yaml"

schema: install-test
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=ctassist.config.settings_test $(BIN)/ctassist spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

## Lint, then the whole suite on SQLite, then again on PostgreSQL when DATABASE_URL points to one
test: lint
	env -u DATABASE_URL $(BIN)/pytest -n 2 -q
	@if [ -n "$$DATABASE_URL" ]; then echo "Running the suite again on $$DATABASE_URL"; $(BIN)/pytest -n 2 -q; \
	 else echo "DATABASE_URL is not set: PostgreSQL run skipped"; fi

## Regenerate the translation catalogues from the sources (needs GNU gettext's xgettext)
messages: install-test
	cd src/ctassist && for lang in fr es ar zh_Hans ru; do \
	  DJANGO_SETTINGS_MODULE=ctassist.config.settings_test ../../$(BIN)/ctassist makemessages -l $$lang --no-obsolete -i "*/tests/*" -v 0; done

bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var
