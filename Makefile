# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared/corpus/seeds
DEMO_DB ?= demo.db

.PHONY: install demo test clean

$(BIN)/ratline: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	$(BIN)/python -c "from ratline.place.gazetteer import Gazetteer; Gazetteer.default()"  # builds the offline town index once
	touch $(BIN)/ratline

install: $(BIN)/ratline

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/ratline --db $(DEMO_DB) ingest corpus/demo $(wildcard $(SHARED))
	$(BIN)/ratline --db $(DEMO_DB) summary

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info
