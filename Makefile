# ecokg: `make demo` and `make test` work on a fresh machine (they set up .venv first).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo needs only the package itself; tests and docs add their tools (Playwright, pyLODE...).
RUN_STAMP := $(VENV)/.installed-run

.PHONY: venv demo test lint pytest sysdeps bench bench-quick bench-server bench-remote bench-kills docs clean eval-extract bench-extract

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,docs]'
	@touch $(STAMP) $(RUN_STAMP)

$(RUN_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(RUN_STAMP)

venv: $(STAMP)

demo: $(RUN_STAMP)
	$(BIN)/ecokg demo

# System packages the tests drive for real (Chromium for the HTML maps, Java for HermiT,
# Virtuoso as a remote store, Node.js for the JavaScript SPARQL clients).
sysdeps:
	@bash scripts/ensure-sysdeps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# JavaScript SPARQL clients the server tests drive (tests/clients/package-lock.json).
CLIENTS_STAMP := tests/clients/node_modules/.installed
$(CLIENTS_STAMP): tests/clients/package-lock.json | sysdeps
	npm ci --prefix tests/clients --no-audit --no-fund --silent
	@touch $(CLIENTS_STAMP)

pytest: $(STAMP) sysdeps $(CLIENTS_STAMP)
	$(BIN)/pytest -q

test: $(STAMP) sysdeps lint pytest

bench: $(STAMP) sysdeps
	$(PY) -m bench.run --sizes 10k,100k,1m --crunchbase --network 100k --doc docs/performance.md $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(PY) -m bench.run --sizes 10k --quick $(BENCH_ARGS)

# 100 random SIGKILLs during builds, appends and exports; the store checked after each (docs/reliability.md).
bench-kills: $(STAMP)
	$(PY) -m bench.kills --trials 100 $(BENCH_ARGS)

bench-server: $(STAMP)
	$(PY) -m bench.server

# Synthetic triples bulk-loaded into Oxigraph server and Virtuoso, read through --endpoint (docs/performance.md).
bench-remote: $(STAMP) sysdeps
	$(PY) -m bench.remote $(BENCH_ARGS)

# The article extractor on real articles with hand-made gold files: precision and recall per
# kind for the tune set (01-08 odd), the seen set (01-08 even and 09-78, tuned on too) and the
# round-15 held-out set (79 and above), the clean one and the headline: only its score is printed,
# never its misses (docs/extraction.md, tests/data/articles/eval/SPLIT.md).
eval-extract: $(RUN_STAMP)
	$(PY) -m ecokg.loaders.articles.evaluate tests/data/articles/eval

# Extraction speed: a 500-word article after the models load, and a batch of 100 (docs/performance.md).
bench-extract: $(RUN_STAMP)
	$(PY) -m bench.extract

docs: $(STAMP)
	$(PY) -m ecokg.queries.docs > docs/queries.md

clean:
	rm -rf $(VENV) .ecokg out .pytest_cache .mypy_cache .ruff_cache
