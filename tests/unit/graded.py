"""Compare an extractor answer with a labelled gold answer the way score.py grades it.

GUIDE version 2: a record may hold several `entries` (a flat answer is one entry);
`paid` is graded on credit/payable entries only, absent meaning 0; `category` only where
the gold has the key, a word containing the other counting as the same (冷链运费/运费).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from chains.rules import extract

RECORD_FIELDS = ("type", "users", "products", "containers", "amount", "date", "missing")
ENTRY_KEYS = (*RECORD_FIELDS, "paid", "category")
OWING = ("credit", "payable")


def assert_matches_gold(answer: dict[str, Any], gold: dict[str, Any]) -> None:
    assert answer["intent"] == gold["intent"]
    if gold["intent"] == "record":
        golds, answers = entries_of(gold), entries_of(answer)
        assert len(answers) == len(golds), "entries"
        for i, (g, a) in enumerate(zip(golds, answers, strict=True)):
            for field in RECORD_FIELDS:
                assert _norm(a.get(field)) == _norm(g[field]), f"entry {i}: {field}"
            assert _paid_ok(g, a), f"entry {i}: paid"
            assert _category_ok(g, a), f"entry {i}: category"
    if gold["intent"] == "query":
        assert _norm(answer["query"]) == _norm(gold["query"])


def labelled(path: Path) -> list[dict[str, Any]]:
    """The lines of a labelled .jsonl set."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def graded(lines: list[dict[str, Any]]) -> list[tuple[float, bool]]:
    """(the rules' confidence, exactly right) for each labelled line."""
    out = []
    for line in lines:
        parse = extract(line["text"], dt.date.fromisoformat(line["ref_date"]))
        try:
            assert_matches_gold(parse.to_answer(), line["gold"])
            ok = True
        except (AssertionError, KeyError):
            ok = False
        out.append((parse.confidence, ok))
    return out


def entries_of(obj: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(obj.get("entries"), list):
        return list(obj["entries"])
    return [{k: obj[k] for k in ENTRY_KEYS if k in obj}]


def _paid_ok(gold: dict[str, Any], answer: dict[str, Any]) -> bool:
    if gold.get("type") not in OWING:
        return True
    paid = answer.get("paid", 0) if answer.get("type") in OWING else None
    return _norm(paid) == _norm(gold.get("paid", 0))


def _category_ok(gold: dict[str, Any], answer: dict[str, Any]) -> bool:
    if "category" not in gold:
        return True
    g, a = (gold.get("category") or "").strip(), (answer.get("category") or "").strip()
    return g == a or bool(g and a and (g in a or a in g))


def _norm(value: Any) -> Any:
    # Order of users/products does not matter; numbers compare to the cent.
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 2)
    return value
