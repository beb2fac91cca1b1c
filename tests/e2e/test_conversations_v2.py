"""Dialogue version 2 conversations played on the console through the real dispatcher,
PostgreSQL and Redis: our own (tests/data/conversations_v2.yaml) and the shared dev_v2 set,
each checking the replies and the entries saved afterwards."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import runtime
from bot.config import Config
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
from tests.fakes.wechat_api import entries_of

pytestmark = pytest.mark.integration
CONVERSATIONS = load(OURS)


def test_there_are_thirty_conversations_of_our_own() -> None:
    assert len({sc["name"] for sc in CONVERSATIONS}) >= 30


@pytest.mark.parametrize("sc", [*CONVERSATIONS, *load(SCENARIOS / "dev_v2.yaml")],
                         ids=lambda sc: sc["name"])
async def test_conversation_on_the_console(sc: dict[str, Any], config: Config) -> None:
    run = checker()
    day = Day(sc["today"])
    async with runtime(config, clock=day) as rt:
        problems: list[str] = []
        for i, turn in enumerate(sc["turns"], 1):
            day.follow(turn)
            replies = await rt.dispatcher.handle(console_message(turn.get("user", "alice"),
                                                                 turn["say"]))
            problems += reply_problems(run, i, turn, "\n".join(r.text for r in replies))
        for user, wanted in (sc.get("entries") or {}).items():
            got = await entries_of(rt, user, platform="console")
            problems += entry_problems(run, user, wanted, got)
        assert not problems, "\n".join(problems)
