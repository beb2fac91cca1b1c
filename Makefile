# Two commands on a fresh machine: `make chat` starts the bot, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint typecheck bench scenarios score

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

chat: $(STAMP)
	$(BIN)/ledgerbot chat

# Product code is type-checked strictly; tests plainly (fixtures and fakes stay light).
# One cache per strictness: sharing one, each run would invalidate the other's.
PRODUCT := ledger bot handlers chains storage prompts
MYPY_PRODUCT := $(BIN)/mypy --strict --cache-dir .mypy_cache/strict $(PRODUCT)
MYPY_TESTS := $(BIN)/mypy --cache-dir .mypy_cache/tests tests

test: $(STAMP)
	bash scripts/system-deps.sh
	$(BIN)/ruff check .
	$(MYPY_PRODUCT)
	$(MYPY_TESTS)
	$(BIN)/python -m pytest

typecheck: $(STAMP)
	$(MYPY_PRODUCT)
	$(MYPY_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py --data ../shared/eval/dev.jsonl --cmd "$(BIN)/ledgerbot parse --jsonl" --show-errors 20

scenarios: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python ../shared/scenarios/run.py ../shared/scenarios/dev.yaml
