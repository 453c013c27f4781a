# Two entry points: `make run` (embedded demo on SQLite) and `make test` (lint + whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
SMTP_PORT ?= 8025

.PHONY: run test install lint migrate demo clean bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	$(MANAGE) compile_translations >/dev/null

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput >/dev/null
	$(MANAGE) load_demo --host $(HOST)
	@echo "SMTP/LMTP intake listener (e-mail channel): 127.0.0.1:$(SMTP_PORT)"
	$(MANAGE) smtp_listener --port $(SMTP_PORT) & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check mosharekat tests bench

test: install
	bash scripts/ensure-chromium.sh
	$(VENV)/bin/ruff check mosharekat tests bench
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) migrate --noinput --plan >/dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Benchmarks (issue 7): each prints its figures, then one table; bench/README.md has the latest run.
# Needs PostgreSQL at BENCH_PG (postgres://postgres@127.0.0.1:5432) and Redis; generated databases are reused.
bench: install
	rm -f var/bench/results.json
	-$(PY) bench/intake.py
	-$(PY) bench/lookup.py
	-$(PY) bench/inbox.py
	-$(PY) bench/consultations_grouping.py
	-$(PY) bench/consultations_full.py --pg
	-$(PY) bench/consultations_submit.py --pg
	$(PY) bench/report.py

clean:
	rm -rf $(VENV) node_modules var
