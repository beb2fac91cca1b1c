"""The dispatcher owns a chat's consistency: one message at a time per chat across
processes, and draft changes only after the SQL commit."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from bot.app import Runtime, runtime
from bot.config import Config
from bot.console import console_message
from chains.extractor import Extraction, RulesExtractor
from chains.schemas import ExtractContext
from handlers import build_router
from handlers.dispatch import GENERIC_ERROR, Dispatcher
from tests.e2e.chat import Chat

pytestmark = pytest.mark.integration


class SlowRules:
    """The rules extractor taking as long as a slow LLM call would."""

    def __init__(self, seconds: float) -> None:
        self._seconds, self._rules = seconds, RulesExtractor()

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        await asyncio.sleep(self._seconds)
        return await self._rules.extract(text, ref_date, context)


def slowed(rt: Runtime, seconds: float) -> Dispatcher:
    services = dataclasses.replace(rt.dispatcher.services, extractor=SlowRules(seconds))
    return Dispatcher(services, build_router())


async def test_two_dispatchers_on_one_redis_take_a_chats_messages_in_turn(
    config: Config, today: dt.date
) -> None:
    # Two runtimes = two processes' worth of engines, Redis pools and dispatchers.
    async with runtime(config, today=today) as one, runtime(config, today=today) as two:
        record = console_message("li", "卖给老李五千盆千叶")
        first = asyncio.create_task(slowed(one, 0.5).handle(record))
        await asyncio.sleep(0.1)  # the second message arrives while the first is extracted
        second = await slowed(two, 0.0).handle(console_message("li", "一共一万"))
        asked = await first
        assert "一共多少钱" in asked[0].text
        # The answer was read against the first message's draft, not against nothing.
        assert second[0].kind == "card" and "¥10,000" in second[0].text
        saved = await two.dispatcher.handle(console_message("li", "对"))
        assert saved[0].kind == "saved"
        entries = await Chat(one, "li").entries()
        assert [(e.entry.users, e.entry.amount) for e in entries] == [(("老李",), Decimal(10000))]


@contextmanager
def commits_fail() -> Iterator[None]:
    def lost(session: Session) -> None:
        raise RuntimeError("COMMIT lost")

    event.listen(Session, "before_commit", lost)
    try:
        yield
    finally:
        event.remove(Session, "before_commit", lost)


async def test_a_failed_commit_keeps_the_draft_and_says_nothing_was_saved(rt: Runtime) -> None:
    chat = Chat(rt, "wang")
    assert "请确认" in await chat.say("卖给老王五千盆千叶，一共一万")
    drafts = rt.dispatcher.services.drafts
    waiting = await drafts.get("console:wang:wang")
    assert waiting is not None
    with commits_fail():
        reply = await chat.say("对")
    assert reply == GENERIC_ERROR
    assert await chat.entries() == []
    assert await drafts.get("console:wang:wang") == waiting  # still there to be confirmed
    assert (await chat.say("对")).startswith("✅ 已保存")
    assert [e.entry.amount for e in await chat.entries()] == [Decimal(10000)]
