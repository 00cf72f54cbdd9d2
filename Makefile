# Two entry points, both self-contained on a machine with only python3:
#   make run   – set up .venv, validate the bundled corpus, list the frugality measures, print the report
#   make test  – set up .venv with the dev tools, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The tool alone for 'run'; the test and lint tools (and Datasette, for its test) for 'test'.
$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(BIN)/.installed

run: $(BIN)/.installed
	$(BIN)/iafr check
	$(BIN)/iafr measures --axis frugalite
	$(BIN)/iafr report

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(BIN)/.installed-dev
	$(BIN)/mypy

pytest: $(BIN)/.installed-dev
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(BIN)/.installed-dev
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
