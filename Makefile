# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The development server runs with DEBUG on, beside a Celery worker and beat (manage.py devserver),
# on a broker in var/celery unless CELERY_BROKER_URL is set; production is docker-compose.yml.
DEV_ENV := DEBUG=1
# Two workers: the machines have two cores (override with PYTEST_ARGS=, e.g. "-n 0 -k search").
PYTEST_ARGS ?= -n 2

.PHONY: install run lint test bench migrate load clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) niet gevonden"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

load: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_netwerkagenda
	$(DEV_ENV) $(BIN)/python manage.py load_demo_accounts

run: load
	$(DEV_ENV) $(BIN)/python manage.py devserver $(HOST)

# Style, then the apps' layering (import-linter contracts in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Lint first: a style error fails in seconds, not after the whole suite.
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles
