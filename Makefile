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

.PHONY: run test lint format messages compilemessages install serve worker check-migrations test-sqlite test-postgres clean bench bench-planner loadtest deploy-test nginx

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
	  DEBUG=1 $(BIN)/celery -A teilhabe worker --beat --pool=solo --loglevel=WARNING & \
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

## make bench: generate a city-scale data set in PostgreSQL (once) and load-test the programme
## page and the whole-programme feed on gunicorn with wrk, and the staff dashboard for one year on
## five years of attendance (bench/statistics.py); table in var/bench/results.json
bench: $(STAMP)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; \
	  else echo "make bench needs the load tool wrk: sudo apt-get install wrk" >&2; exit 1; fi; }
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.generate
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.statistics --generate
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.run
	$(MAKE) --no-print-directory bench-planner

## make bench-planner: the semester planner, CP-SAT against greedy first fit, on the sample house
## and at city scale (no database needed); table in var/bench/planner.json
bench-planner: $(STAMP)
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.planner

# Debian's nginx (and openssl for the test certificate), installed with apt-get when root.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx && command -v openssl >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq --no-install-recommends nginx openssl >/dev/null || { apt-get update -qq \
	      && apt-get install -y -qq --no-install-recommends nginx openssl >/dev/null; }; \
	  else echo "this needs Debian's nginx: sudo apt-get install nginx" >&2; exit 1; fi; }

## make loadtest: the whole production stack (nginx, gunicorn, Celery, PostgreSQL, Redis) on the
## city-scale data set under 100 simulated users (locust, headless, loopback), for one and two
## web processes; LOADTEST_USERS, LOADTEST_SECONDS, LOADTEST_PROCESSES; var/bench/loadtest.md
loadtest: $(STAMP) nginx
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.generate
	DJANGO_SETTINGS_MODULE=bench.settings $(BIN)/python -m bench.loadtest

## make deploy-test: the production stack as deploy/ ships it (nginx with deploy/nginx/teilhabe.conf,
## two gunicorn instances, Celery worker and beat, its own PostgreSQL cluster and Redis on free
## ports) through the fault cases in deploy/tests; stops everything it started
deploy-test: compilemessages nginx
	$(BIN)/python -m pytest -c deploy/tests/pytest.ini --confcutdir=deploy/tests deploy/tests

clean:
	rm -rf $(VENV) var
