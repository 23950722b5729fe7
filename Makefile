# Two commands do all set-up on a fresh machine (Python 3.11+, make):
#   make demo   install into .venv, code the bundled example articles into communique.duckdb, print the events
#   make test   install into .venv (with test extras) and run the fast test suite
#   make gate   the accuracy gate: floors on the reference data beside the repository (../shared)
#   make lint   ruff over the code
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= communique.duckdb

.PHONY: install demo test gate lint benchmarks clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: install
	$(BIN)/communique ingest examples/articles --db $(DB)
	$(BIN)/communique events --db $(DB)

test: install
	$(BIN)/python -m pytest

gate: install
	$(BIN)/python -m pytest -m gate

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

benchmarks: install
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) $(DB) build dist src/*.egg-info
