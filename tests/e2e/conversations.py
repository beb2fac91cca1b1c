"""Scripted conversations (../shared/scenarios/run.py's format) and run.py's own checks,
shared by the console, WeChat and Telegram replays so every channel is judged alike."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT.parent / "shared" / "scenarios"
OURS = ROOT / "tests" / "data" / "conversations_v2.yaml"


def load(path: Path) -> list[dict[str, Any]]:
    # No silent pass: a missing file fails the collection loudly.
    loaded: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def checker() -> ModuleType:
    """run.py's matching rules (numbers in replies, saved entries)."""
    spec = importlib.util.spec_from_file_location("scenario_run", SCENARIOS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Day:
    """A clock a conversation moves forward (a turn with `today:`)."""

    def __init__(self, start: object) -> None:
        self.value = dt.date.fromisoformat(str(start))

    def __call__(self) -> dt.date:
        return self.value

    def follow(self, turn: dict[str, Any]) -> None:
        if turn.get("today"):
            self.value = dt.date.fromisoformat(str(turn["today"]))


def reply_problems(run: ModuleType, i: int, turn: dict[str, Any], reply: str) -> list[str]:
    out = [f"turn {i} {turn['say']!r}: lacks {w!r}: {reply!r}"
           for w in turn.get("expect", []) if not run.mentions(reply, w)]
    out += [f"turn {i} {turn['say']!r}: has {b!r}: {reply!r}"
            for b in turn.get("absent", []) if run.mentions(reply, b)]
    return out


def entry_problems(run: ModuleType, user: str, wanted: list[dict[str, Any]],
                   got: list[dict[str, Any]]) -> list[str]:
    if len(got) != len(wanted):
        return [f"{user}: {len(wanted)} entries wanted, {len(got)} saved: {got}"]
    problems, free = [], list(got)
    for w in wanted:
        hit = next((g for g in free if run.entry_matches(w, g)), None)
        if hit is None:
            problems.append(f"{user}: nothing matches {w}; saved {got}")
        else:
            free.remove(hit)
    return problems
