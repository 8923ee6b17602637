# The two commands a newcomer needs: `make run` and `make test`.
# Needs only Python 3.11+, make and git; everything else goes into .venv.

# python3.11 when it is on PATH, else python3 (checked to be 3.11 or newer below).
PYTHON ?= $(or $(shell command -v python3.11 2>/dev/null),python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi:app

.PHONY: icons tour run test e2e lint format lock lock-check bench lighthouse install dev-install \
	db-upgrade demo ci clean \
	extract update-catalogs compile-catalogs

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 \
		|| { echo "Python 3.11 is needed: install it, or run make PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "$(PYTHON) is older than Python 3.11: run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What the site needs to run (plus Faker for the demo data), and no more.
$(RUN_STAMP): $(BIN)/python requirements-demo.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements-demo.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(RUN_STAMP)

# Everything: the site, the test tool chain, linters, the lock tool.
$(DEV_STAMP): $(BIN)/python requirements-dev.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(DEV_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)

dev-install: $(DEV_STAMP)

.env: | $(BIN)/python
	@echo "Writing .env with a random development SECRET_KEY (git-ignored)."
	@printf 'SECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" > .env

db-upgrade: $(RUN_STAMP) .env
	$(BIN)/flask db upgrade

# Demo data on the first run only; the demo logins are printed every time.
demo: db-upgrade
	$(BIN)/flask seed-demo --if-empty

# The site and its queue worker (mail delivery, scheduled jobs) from one command; Ctrl+C, or
# the web server ending in any way, stops both. Links in mail point at the address served,
# unless SITE_URL is set (environment or .env).
run: demo
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT) with its queue worker (Ctrl+C stops both). Mail is printed here."
	@SITE_URL="$${SITE_URL:-$$(sed -n 's/^SITE_URL=//p' .env)}"; \
		SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"; export SITE_URL; \
		$(BIN)/flask queue worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/flask run --host $(HOST) --port $(PORT)

# Browser tests run when Chromium is found; otherwise pytest lists them as skipped, with why.
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

e2e: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -m e2e tests/e2e $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The lock files are generated from pyproject.toml by pip-tools; `make lock` after editing
# the dependencies there, `make lock-check` (CI) fails when a lock is not current.
LOCKS := requirements.txt:- requirements-demo.txt:demo requirements-dev.txt:dev
lock: $(DEV_STAMP)
	@for pair in $(LOCKS); do ./.ci/lock "$${pair%%:*}" "$${pair##*:}" || exit 1; done

lock-check: $(DEV_STAMP)
	@for pair in $(LOCKS); do ./.ci/lock --check "$${pair%%:*}" "$${pair##*:}" || exit 1; done

bench: $(DEV_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# Lighthouse (npm, installed once into bench/lighthouse_npm/) in Debian's Chromium on the
# nine pages of issue 19, each role signed in; fails below the targets. Not part of `make test`.
lighthouse: $(DEV_STAMP)
	$(BIN)/python -m bench.lighthouse $(LIGHTHOUSE_ARGS)

# Translations: extract the marked strings, merge them into each catalog, compile the .mo
# files (committed, so `make run` and `make test` need no extra step).
CATALOGS := site/outstaff/translations

extract: $(DEV_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k Counted:1,2 \
		--add-comments=TRANSLATORS: --add-location=file --project=Outstaff -o messages.pot .

update-catalogs: extract
	$(BIN)/pybabel update -i messages.pot -d $(CATALOGS) --ignore-obsolete

compile-catalogs: $(DEV_STAMP)
	$(BIN)/pybabel compile -d $(CATALOGS) --statistics

ci:
	./.ci/run

clean:
	rm -rf $(VENV) instance/outstaff.db* instance/huey.db* .pytest_cache test-results

# The README's tour: the browser sweep photographs the main pages, then copies them to
# docs/screenshots/ (commit the result).
tour: $(DEV_STAMP)
	TOUR=1 $(BIN)/python -m pytest -q -p no:randomly -m e2e tests/e2e/test_tour_screenshots.py

# The icon sprite, after a name is added to site/outstaff/core/icons.py.
icons: $(DEV_STAMP)
	$(BIN)/python -m outstaff.core.icons > static/img/icons.svg
