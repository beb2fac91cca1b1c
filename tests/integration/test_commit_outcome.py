"""A COMMIT that is lost, or whose answer is lost, through a TCP proxy in front of
PostgreSQL: nothing lost, nothing saved twice, and the vendor is told what really happened
(the message's finished row is looked up before anything is said)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from bot.app import Runtime, runtime
from bot.config import load_config
from handlers.dispatch import GENERIC_ERROR
from handlers.messages import ChatRef, IncomingMessage
from tests.e2e.chat import Chat
from tests.fakes.pg_proxy import PgProxy, pg_proxy

pytestmark = pytest.mark.integration
SALE = "卖给老李5000盆千叶，一共10000元"


@pytest.fixture
async def proxied(bot_env: dict[str, str], pg_url: str, today: dt.date
                  ) -> AsyncIterator[tuple[Runtime, PgProxy]]:
    with pg_proxy(pg_url) as proxy:
        env = dict(bot_env, DATABASE_URL=proxy.url(pg_url))
        async with runtime(load_config(env=env), today=today) as rt:
            yield rt, proxy


async def test_a_lost_commit_saves_nothing_says_so_and_the_next_confirm_saves_once(
        proxied: tuple[Runtime, PgProxy]) -> None:
    rt, proxy = proxied
    chat = Chat(rt)
    assert "请确认" in await chat.say(SALE)
    proxy.arm("commit_lost")
    answer = await chat.say("对")
    assert proxy.fired == ["commit_lost"]
    assert answer == GENERIC_ERROR and "没有记账" in answer
    assert await chat.entries() == []
    # The draft stayed: the vendor only has to confirm again, and it is saved once.
    assert "已保存" in await chat.say("对")
    assert len(await chat.entries()) == 1
    assert "没有" in await chat.say("对")  # nothing left to confirm
    assert len(await chat.entries()) == 1


async def test_a_commit_whose_answer_is_lost_is_reported_saved_and_never_saved_again(
        proxied: tuple[Runtime, PgProxy]) -> None:
    rt, proxy = proxied
    chat = Chat(rt)
    await chat.say(SALE)
    proxy.arm("answer_lost")
    answer = await chat.say("对")
    assert proxy.fired == ["answer_lost"]
    # The row went in although the connection died before its answer: the lookup says so.
    assert "已保存" in answer
    assert len(await chat.entries()) == 1
    assert "已保存" not in await chat.say("对")  # the draft is settled: no second save
    assert len(await chat.entries()) == 1


async def test_a_redelivered_message_after_a_lost_answer_gets_the_first_replies(
        proxied: tuple[Runtime, PgProxy]) -> None:
    """A platform redelivery (same message id) is answered from the finished row: the
    work is not done again, and what the vendor sees is what the first run said."""
    rt, proxy = proxied
    chat = ChatRef(platform="wechat", chat_id="oVendor", user_id="oVendor")

    def msg(text: str, mid: str) -> IncomingMessage:
        return IncomingMessage(chat=chat, text=text, message_id=mid)

    await rt.dispatcher.handle(msg(SALE, "1001"))
    proxy.arm("answer_lost")
    first = await rt.dispatcher.handle(msg("对", "1002"), replay=True)
    again = await rt.dispatcher.handle(msg("对", "1002"), replay=True)
    assert [r.text for r in again] == [r.text for r in first] and "已保存" in first[0].text
    assert await rt.dispatcher.handle(msg("对", "1002")) == []
    async with rt.sessions() as s:
        rows = (await s.execute(text("SELECT count(*) FROM transactions"))).scalar_one()
    assert rows == 1


async def test_while_the_database_is_away_the_answer_says_nothing_was_saved(
        proxied: tuple[Runtime, PgProxy]) -> None:
    rt, proxy = proxied
    chat = Chat(rt)
    await chat.say(SALE)
    proxy.down(2.0)
    answer = await chat.say("对")
    assert "没有记账" in answer or "不能确定" in answer
    await asyncio.sleep(2.1)  # the database is back
    assert "已保存" in await chat.say("对")
    assert len(await chat.entries()) == 1
