# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi:app

.PHONY: run test lint bench install dev-install db-upgrade demo clean e2e

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

.env:
	@echo "Writing .env with a random development SECRET_KEY (git-ignored)."
	@printf 'SECRET_KEY=%s\n' "$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" > .env

db-upgrade: $(STAMP) .env
	$(BIN)/flask db upgrade

demo: db-upgrade
	$(BIN)/flask seed-demo --if-empty

run: demo
	@echo ""
	@echo "Serving on http://127.0.0.1:5000 (Ctrl+C stops). Mail is printed here."
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

e2e: $(STAMP)
	$(BIN)/python -m pytest -q -m e2e tests/e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance/outstaff.db* .pytest_cache
