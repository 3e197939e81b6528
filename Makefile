# Teilhabe — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := teilhabe.settings
# Two test processes: the machines this runs on have two cores.
PYTEST_ARGS ?= -n 2

.PHONY: run test lint format messages compilemessages install serve worker check-migrations test-sqlite test-postgres clean

$(STAMP): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	cd teilhabe && DEBUG=1 ../$(BIN)/python ../manage.py compilemessages -v0

## make run: install, migrate, compile translations, load the sample centre and serve it
run: compilemessages
	DEBUG=1 $(BIN)/python manage.py migrate --no-input -v0
	DEBUG=1 $(BIN)/python manage.py load_sample_centre
	@echo ""
	@echo "Serving the sample centre on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@trap 'kill 0' EXIT; \
	  DEBUG=1 $(BIN)/celery -A teilhabe worker --beat --pool=solo --loglevel=WARNING \
	    --schedule=var/celerybeat-schedule & \
	  DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

## make messages: collect new UI strings into the .po files of every language
messages: $(STAMP)
	cd teilhabe && DEBUG=1 ../$(BIN)/python ../manage.py makemessages --all --no-obsolete \
	  --ignore=static --ignore='*/tests/*' -v0

## make test: install, lint, check migrations, run every test (SQLite; PostgreSQL too when
## TEST_DATABASE_URL is set)
test: lint check-migrations compilemessages
ifdef TEST_DATABASE_URL
	@echo "== Tests on SQLite (the embedded default); PostgreSQL-only and browser tests follow on PostgreSQL"
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest -m "not postgres and not browser" $(PYTEST_ARGS)
	@echo "== All tests on PostgreSQL ($(TEST_DATABASE_URL))"
	$(BIN)/python -m pytest $(PYTEST_ARGS)
else
	$(BIN)/python -m pytest $(PYTEST_ARGS)
endif

clean:
	rm -rf $(VENV) var
