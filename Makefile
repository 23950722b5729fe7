# Two commands do all set-up on a fresh machine (Python 3.11+, make):
#   make demo   install into .venv, code the bundled example articles into communique.duckdb, print the events
#   make test   install into .venv (with test extras) and run the fast test suite
#   make gate   the accuracy gate: floors on the reference data beside the repository (../shared)
#   make lint   ruff over the code
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= communique.duckdb

.PHONY: install demo test gate lint benchmarks lock clean

install: $(VENV)/.installed

# Every package of the dependency tree comes from requirements.lock, pinned with its hashes, and
# is installed by the pip that `python -m venv` ships; the project itself goes in editable on top.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Re-resolve the lock after a change of dependencies in pyproject.toml (pip-tools in a throw-away venv).
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet pip-tools==7.7.0
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
	rm -rf $(VENV)-lock

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
	rm -rf $(VENV) $(VENV)-lock $(DB) build dist src/*.egg-info
