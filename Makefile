# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8501

.PHONY: setup run test validate bench lint

setup: $(STAMP)

# NOTE: the stamp is newer than requirements.txt once installed, so setup is a no-op until the pins change.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

run: setup
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

test: setup
	$(PY) -m pytest

validate: setup
	$(PY) -m tracker validate

lint: setup
	$(VENV)/bin/ruff check .
