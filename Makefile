# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared/corpus/seeds
DEMO_DB ?= demo.db
ASSETS := src/ratline/web/static/vendor/manifest.json
CHROMIUM ?= /usr/bin/chromium

.PHONY: install assets browser demo serve test screenshots bench-web bench bench-quick clean

$(BIN)/ratline: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	$(BIN)/python -c "from ratline.place.gazetteer import Gazetteer; Gazetteer.default()"  # builds the offline town index once
	touch $(BIN)/ratline

# front-end libraries from the npm registry (web/package-lock.json), copied into
# the Python package under version-named folders (git-ignored build output)
$(ASSETS): web/package.json web/package-lock.json tools/vendor_assets.py
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(PY) tools/vendor_assets.py

assets: $(ASSETS)

install: $(BIN)/ratline $(ASSETS)

# Debian's headless chromium for the browser tests (Playwright drives it; it
# never downloads a browser of its own)
browser:
	@test -x $(CHROMIUM) || { apt-get update -q && apt-get install -y -q chromium; }

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/ratline --db $(DEMO_DB) ingest corpus/demo $(wildcard $(SHARED))
	$(BIN)/ratline --db $(DEMO_DB) summary

# the demo corpus in a browser (built by `make demo` the first time)
serve: install
	test -f $(DEMO_DB) || $(MAKE) demo
	$(BIN)/ratline --db $(DEMO_DB) serve

# the store tests run on SQLite and on a throwaway PostgreSQL server that
# tools/pg_test_server.sh installs (Debian's package, when absent), starts and removes
test: install browser
	tools/pg_test_server.sh run $(BIN)/python -m pytest

# README pictures of the three views over the sample corpus (docs/*.png)
screenshots: install browser
	$(BIN)/python tools/screenshots.py

# API median and first paint over a generated store of 10,000 events
bench-web: install browser
	$(BIN)/python bench/bench_web.py

# ingest at scale: 20,000 generated reports + the real samples, one core vs references,
# Dask speed-up on 1 and 2 workers, end to end within a time budget (under 10 minutes)
bench: install
	$(BIN)/python bench/bench_scale.py --docs 20000 --sample 150 --rounds 3 --speedup-docs 40 --budget 90 --store-docs 20000 --store-budget 380 --total 550

# the same measurements on a small corpus (under 60 s)
bench-quick: install
	$(BIN)/python bench/bench_scale.py --docs 500 --sample 12 --rounds 1 --speedup-docs 8 --budget 8 --store-docs 1000 --store-budget 15

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info web/node_modules src/ratline/web/static/vendor
