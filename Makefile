# The two commands: `make run` and `make test`. Each sets up everything it needs, idempotently.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR_DONE := static/vendor/.done
SNAPSHOT := static/vendor/snapshot/manifest.json
PRECOMPRESSED := static/vendor/.precompressed
export PYTHONPATH := py/worker:py/shared:.

.PHONY: run test lint unit e2e engines bench inventory setup precompressed browser clean

run: setup
	$(BIN)/python -m scripts.run

# Two test processes, one per core, each with its own sandbox, site and browsers (the browser
# tests share a profile per process). The journeys in every engine are one group, run by one
# process (tests/engines/conftest.py), which starts first; every other test goes to whichever
# process is free, in this order: the browser tests, then the many short ones, so that neither
# process is left with a long test while the other has finished.
TEST_ORDER := tests/engines tests/e2e tests/plugin tests/unit
# The lint comes last and does not stop the tests: a page of yours whose imports are out of order
# still gets every test run; `make test` then fails, saying how to fix it. (Not `$(MAKE) lint`:
# `make -n test` would run a recursive make's line, the whole suite with it.)
RUFF_HINT := echo "lint: \`$(BIN)/ruff check --fix .\` fixes every problem marked [*], import order among them" >&2
test: setup browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(TEST_ORDER); status=$$?; \
	$(BIN)/ruff check . || { $(RUFF_HINT); [ $$status -ne 0 ] || status=1; }; \
	exit $$status

lint: $(VENV)/.installed
	@$(BIN)/ruff check . || { $(RUFF_HINT); exit 1; }

unit: setup
	$(BIN)/python -m pytest tests/unit

e2e: setup browser
	$(BIN)/python -m pytest tests/e2e

# The buyer's journeys in Chromium, Firefox and WebKit (Debian's engines; make browser installs them).
engines: setup browser
	$(BIN)/python -m pytest tests/engines

bench: setup browser $(PRECOMPRESSED)
	$(BIN)/python -m bench

# After a deliberate change to what the page loads: rewrite docs/script-inventory.json.
inventory: setup browser
	INVENTORY_UPDATE=1 $(BIN)/python -m pytest tests/e2e/test_script_inventory.py

setup: $(VENV)/.installed node_modules/.installed $(VENDOR_DONE) $(SNAPSHOT)
	@$(BIN)/python -m scripts.pyscript_files

# Then this project itself, editable (sandbox, spektrix-sandbox, the pytest plugin's entry point),
# built offline by the setuptools that requirements.txt pins.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=strict -e .
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENDOR_DONE): $(VENV)/.installed node_modules/.installed scripts/vendor.py
	$(BIN)/python scripts/vendor.py
	touch $@

# The worker's Pyodide memory snapshot, built from the vendored Pyodide: rebuilt when that is
# vendored again (a new pinned Pyodide), or the build or its module list changes.
$(SNAPSHOT): $(VENDOR_DONE) scripts/snapshot.mjs scripts/snapshot-modules.txt
	node scripts/snapshot.mjs

# Production serving's brotli and gzip copies of the runtime and the snapshot (a few minutes:
# brotli's best quality on 31 MB). The bench and a production build need them; development
# serving and the tests do not.
$(PRECOMPRESSED): $(VENDOR_DONE) $(SNAPSHOT)
	$(BIN)/python scripts/vendor.py --precompress static/vendor
	touch $@

precompressed: $(PRECOMPRESSED)

browser: $(VENV)/.installed
	$(BIN)/python -m scripts.browser_engines

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache .ruff_cache
