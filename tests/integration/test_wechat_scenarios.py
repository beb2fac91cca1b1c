"""The shared dev conversations replayed as WeChat messages (AES safe mode) save the same
entries as on the console, and the replies mention what the scenario expects."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from bot.app import runtime
from bot.config import load_config
from bot.console import console_message
from tests.fakes.wechat_api import entries_of, webhook, wechat_env

pytestmark = pytest.mark.integration
SCENARIOS = Path(__file__).resolve().parents[3] / "shared" / "scenarios"


def _load() -> list[dict[str, Any]]:
    # No silent pass: without ../shared the collection fails loudly.
    path = SCENARIOS / "dev.yaml"
    loaded: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def _checker() -> ModuleType:
    """run.py's own matching rules (numbers, entries), so both channels are judged alike."""
    spec = importlib.util.spec_from_file_location("scenario_run", SCENARIOS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _comparable(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "id"} for e in entries]


@pytest.mark.parametrize("sc", _load(), ids=lambda sc: sc["name"])
async def test_dev_scenario_over_wechat(sc: dict[str, Any], bot_env: dict[str, str]) -> None:
    run = _checker()
    today = dt.date.fromisoformat(str(sc["today"]))
    default_user = sc.get("user", "alice")
    config = load_config(env=wechat_env(bot_env, aes=True))
    async with runtime(config, today=today) as rt, webhook(rt, aes=True) as p:
        problems = []
        for i, turn in enumerate(sc["turns"], 1):
            user = turn.get("user", default_user)
            reply = await p.say(f"o_{user}", turn["say"]) or ""
            for want in turn.get("expect", []):
                if not run.mentions(reply, want):
                    problems.append(f"turn {i} {turn['say']!r}: lacks {want!r}: {reply!r}")
            for bad in turn.get("absent", []):
                if run.mentions(reply, bad):
                    problems.append(f"turn {i} {turn['say']!r}: has {bad!r}: {reply!r}")
            # The same turn on the console, to compare what each channel saved.
            await rt.dispatcher.handle(console_message(user, turn["say"]))
        for user, wanted in (sc.get("entries") or {}).items():
            got = await entries_of(rt, f"o_{user}")
            on_console = await entries_of(rt, user, platform="console")
            if _comparable(got) != _comparable(on_console):
                problems.append(f"{user}: wechat saved {got}, console saved {on_console}")
            if len(got) != len(wanted):
                problems.append(f"{user}: {len(wanted)} entries wanted, {len(got)} saved: {got}")
                continue
            free = list(got)
            for w in wanted:
                hit = next((g for g in free if run.entry_matches(w, g)), None)
                if hit is None:
                    problems.append(f"{user}: nothing matches {w}; saved {got}")
                else:
                    free.remove(hit)
        assert not problems, "\n".join(problems)
