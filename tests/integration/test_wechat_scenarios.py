"""The shared dev conversations and our own dialogue v2 ones (tests/data) replayed as WeChat
messages (AES safe mode) save the same entries as on the console, and the replies mention
what the scenario expects."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import runtime
from bot.config import load_config
from bot.console import console_message
from tests.e2e.conversations import (
    OURS,
    SCENARIOS,
    Day,
    checker,
    entry_problems,
    load,
    reply_problems,
)
from tests.fakes.wechat_api import entries_of, webhook, wechat_env

pytestmark = pytest.mark.integration


def _comparable(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "id"} for e in entries]


@pytest.mark.parametrize("sc", [*load(SCENARIOS / "dev.yaml"), *load(OURS)],
                         ids=lambda sc: sc["name"])
async def test_dev_scenario_over_wechat(sc: dict[str, Any], bot_env: dict[str, str]) -> None:
    run = checker()
    day = Day(sc["today"])
    default_user = sc.get("user", "alice")
    config = load_config(env=wechat_env(bot_env, aes=True))
    async with runtime(config, clock=day) as rt, webhook(rt, aes=True) as p:
        problems = []
        for i, turn in enumerate(sc["turns"], 1):
            day.follow(turn)
            user = turn.get("user", default_user)
            reply = await p.say(f"o_{user}", turn["say"]) or ""
            problems += reply_problems(run, i, turn, reply)
            # The same turn on the console, to compare what each channel saved.
            await rt.dispatcher.handle(console_message(user, turn["say"]))
        for user, wanted in (sc.get("entries") or {}).items():
            got = await entries_of(rt, f"o_{user}")
            on_console = await entries_of(rt, user, platform="console")
            if _comparable(got) != _comparable(on_console):
                problems.append(f"{user}: wechat saved {got}, console saved {on_console}")
            problems += entry_problems(run, user, wanted, got)
        assert not problems, "\n".join(problems)
