# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8501

.PHONY: setup run test validate extract bench bench-text loadtest scaleout lint editor-credential

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

# Propose candidate flows for any article: make extract ARTICLE=path/to/article.txt PUBLISHED=YYYY-MM-DD
extract: setup
	@test -n "$(ARTICLE)" -a -n "$(PUBLISHED)" || { echo "usage: make extract ARTICLE=path.txt PUBLISHED=YYYY-MM-DD" >&2; exit 2; }
	@$(PY) -m tracker.extract "$(ARTICLE)" "$(PUBLISHED)"

# Speed and memory against a bare Streamlit baseline, and Lighthouse accessibility per page; writes docs/benchmarks.md.
# Lighthouse (npm, pinned) goes in .tools/ (git-ignored) the first time. BENCH_ARGS="--json raw.json" keeps the raw figures.
bench: LIGHTHOUSE_VERSION := 13.5.0
bench: LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse
bench: setup
	@test "$$($(LIGHTHOUSE) --version 2>/dev/null)" = "$(LIGHTHOUSE_VERSION)" \
		|| npm install --no-audit --no-fund --prefix .tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)
	$(PY) scripts/bench.py $(BENCH_ARGS)

# The extractor and the evidence reader on long texts (1-5 MB), timed; writes its section of docs/benchmarks.md
bench-text: setup
	$(PY) scripts/bench_text.py --out docs/benchmarks.md

# Many readers at once against a running app; writes docs/reliability.md (SESSIONS=20 MINUTES=10 by default)
loadtest: setup
	$(PY) scripts/loadtest.py --sessions $(or $(SESSIONS),20) --minutes $(or $(MINUTES),10)

# nginx (Debian's) in front of two replicas on 127.0.0.1, one killed midway; writes docs/reliability.md
scaleout: setup
	$(PY) scripts/scaleout.py --sessions $(or $(SESSIONS),40) --minutes $(or $(MINUTES),10)

# The editor credential for shared mode: make editor-credential NAME=alice (prints a secrets.toml entry)
editor-credential: setup
	@test -n "$(NAME)" || { echo "usage: make editor-credential NAME=editor-name" >&2; exit 2; }
	@$(PY) scripts/editor_credential.py "$(NAME)"

lint: setup
	$(VENV)/bin/ruff check .
