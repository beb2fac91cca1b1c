"""Compare an extractor answer with a labelled gold answer the way score.py grades it."""

from __future__ import annotations

from typing import Any

RECORD_FIELDS = ("type", "users", "products", "containers", "amount", "date", "missing")


def assert_matches_gold(answer: dict[str, Any], gold: dict[str, Any]) -> None:
    assert answer["intent"] == gold["intent"]
    if gold["intent"] == "record":
        for field in RECORD_FIELDS:
            assert _norm(answer.get(field)) == _norm(gold[field]), field
    if gold["intent"] == "query":
        assert _norm(answer["query"]) == _norm(gold["query"])


def _norm(value: Any) -> Any:
    # Order of users/products does not matter; numbers compare to the cent.
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 2)
    return value
