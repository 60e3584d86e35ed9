# The two entry points of the README: `make run` and `make test`.
# Both set up the virtual environment on first use and refresh it when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint check bench clean shell dev-matrix

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/minvard run

shell: $(STAMP)
	$(BIN)/minvard shell

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/minvard check

bench: $(STAMP)
	$(BIN)/python bench/journey.py

# A local Synapse with a bot, an admin, a clinician and a staff room; see the README.
dev-matrix: $(STAMP)
	$(BIN)/python scripts/dev_matrix.py

clean:
	rm -rf $(VENV) data/*.db data/*.db-wal data/*.db-shm
