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
# Both reuse .mypy_cache, so a re-run checks only what changed.
PRODUCT := ledger bot handlers chains storage prompts

test: $(STAMP)
	bash scripts/system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/mypy --strict $(PRODUCT)
	$(BIN)/mypy tests
	$(BIN)/python -m pytest

typecheck: $(STAMP)
	$(BIN)/mypy --strict $(PRODUCT)
	$(BIN)/mypy tests

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py --data ../shared/eval/dev.jsonl --cmd "$(BIN)/ledgerbot parse --jsonl" --show-errors 20

scenarios: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python ../shared/scenarios/run.py ../shared/scenarios/dev.yaml
