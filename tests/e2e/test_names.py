"""Names vendors shorten, through the real dispatcher, PostgreSQL and Redis: what is saved is
the counterparty already in the books, questions find it too, and a name that may be
several people is asked about, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from bot.app import Runtime
from tests.e2e.chat import Chat

pytestmark = pytest.mark.integration


async def _book(chat: Chat, *messages: str) -> None:
    for m in messages:
        card = await chat.say(m)
        assert "请确认" in card, card
        assert "已保存" in await chat.say("对")


async def _users(chat: Chat) -> list[tuple[str, ...]]:
    return [s.entry.users for s in await chat.entries()]


async def test_a_shortened_name_is_recorded_as_the_saved_counterparty(chat: Chat) -> None:
    await _book(chat, "卖给超市周经理十箱苹果一箱一百二，他先付了五百定金，剩下的月底给")
    card = await chat.say("周经理又拿了五箱苹果一箱一百二，没给钱")
    assert "超市周经理（你说的周经理）" in card
    await chat.say("对")
    assert await _users(chat) == [("超市周经理",), ("超市周经理",)]
    answer = await chat.say("周经理还欠多少")
    assert "超市周经理" in answer and "¥1,300" in answer  # 700 + 600


async def test_questions_find_the_counterparty_by_its_short_name(chat: Chat) -> None:
    await _book(chat, "卖给超市周经理十箱苹果一箱一百二，他先付了五百定金，剩下的月底给")
    assert "¥700" in await chat.say("周经理还欠多少")
    statement = await chat.say("跟周经理对一下账")
    assert "超市周经理" in statement and "¥700" in statement


async def test_household_or_person_is_asked_and_yes_is_learned(chat: Chat) -> None:
    await _book(chat, "老陈家拿了二十斤白菜，一共四十，没给钱")
    ask = await chat.say("老陈拿了十斤土豆，一共三十，没给钱")
    assert "老陈家" in ask and "是" in ask and "请确认" not in ask
    assert len(await chat.entries()) == 1
    card = await chat.say("是")
    assert "老陈家（你说的老陈）" in card and "请确认" in card
    await chat.say("对")
    assert await _users(chat) == [("老陈家",), ("老陈家",)]
    # Learned: the next 老陈 is 老陈家 without asking, in a record and in a question.
    card = await chat.say("老陈又拿了五斤土豆，一共十五，没给钱")
    assert "老陈家（你说的老陈）" in card and "请确认" in card
    await chat.say("对")
    assert "¥85" in await chat.say("老陈还欠多少")


async def test_no_keeps_the_said_name_as_someone_new(chat: Chat) -> None:
    await _book(chat, "老陈家拿了二十斤白菜，一共四十，没给钱")
    await chat.say("老陈拿了十斤土豆，一共三十，没给钱")
    card = await chat.say("不是，是新的")
    assert "请确认" in card and "你说的" not in card
    await chat.say("对")
    assert await _users(chat) == [("老陈家",), ("老陈",)]
    # Now both are in the books: 老陈 is 老陈 itself, asked about no more.
    assert "¥30" in await chat.say("老陈还欠多少")


async def test_alias_confirmed_once(chat: Chat, rt: Runtime) -> None:
    await _book(chat, "老李拿了十箱苹果一箱一百，没给钱")
    ask = await chat.say("李哥拿了五箱苹果一箱一百，没给钱")
    assert "老李" in ask and "李哥" in ask
    await chat.say("对")  # 对 answers the question about the name, it does not save yet
    assert len(await chat.entries()) == 1
    await chat.say("对")
    assert await _users(chat) == [("老李",), ("老李",)]
    async with rt.sessions() as s:
        rows = (await s.execute(text("SELECT alias, name FROM counterparty_aliases"))).all()
    assert [tuple(r) for r in rows] == [("李哥", "老李")]
    assert "¥1,500" in await chat.say("李哥还欠多少")


async def test_several_matches_are_asked_and_the_vendor_picks(chat: Chat, rt: Runtime) -> None:
    await _book(
        chat,
        "卖给超市周经理十箱苹果一箱一百，没给钱",
        "卖给药店周经理两箱梨一箱八十，没给钱",
    )
    ask = await chat.say("周经理拿了三箱苹果一箱一百，没给钱")
    assert "1. 药店周经理" in ask and "2. 超市周经理" in ask and "3. " in ask
    card = await chat.say("2")
    assert "超市周经理（你说的周经理）" in card
    await chat.say("对")
    assert (await _users(chat))[-1] == ("超市周经理",)
    # A pick among several teaches nothing: 周经理 is still either of them.
    async with rt.sessions() as s:
        assert (await s.execute(text("SELECT count(*) FROM counterparty_aliases"))).scalar() == 0
    answer = await chat.say("周经理还欠多少")
    assert "超市周经理" in answer and "药店周经理" in answer and "¥" not in answer
    assert "¥1,300" in await chat.say("超市周经理还欠多少")


async def test_a_question_between_keeps_the_name_question(chat: Chat) -> None:
    await _book(chat, "老陈家拿了二十斤白菜，一共四十，没给钱")
    await chat.say("老陈拿了十斤土豆，一共三十，没给钱")
    replies = await chat.say("今天卖了多少")
    assert "¥70" not in replies and "老陈家" in replies.split("\n", 1)[1]
    await chat.say("取消")
    assert len(await chat.entries()) == 1


async def test_a_misread_name_can_be_corrected(chat: Chat) -> None:
    await _book(chat, "卖给超市周经理十箱苹果一箱一百，没给钱")
    card = await chat.say("周经理拿了三箱苹果一箱一百，没给钱")
    assert "超市周经理（你说的周经理）" in card
    card = await chat.say("改成周经理")
    assert "你说的" not in card and "请确认" in card, card
    await chat.say("对")
    assert await _users(chat) == [("超市周经理",), ("周经理",)]


async def test_names_are_per_account(rt: Runtime) -> None:
    alice, bob = Chat(rt, "alice"), Chat(rt, "bob")
    await _book(alice, "卖给超市周经理十箱苹果一箱一百，没给钱")
    card = await bob.say("周经理拿了三箱苹果一箱一百，没给钱")
    assert "你说的" not in card and "请确认" in card
    await bob.say("对")
    assert [s.entry.users for s in await bob.entries()] == [("周经理",)]
    assert (await bob.entries())[0].entry.amount == Decimal(300)


async def test_an_earlier_entry_is_found_by_the_short_name(chat: Chat) -> None:
    await _book(chat, "卖给超市周经理十箱苹果一箱一百，没给钱", "老李拿了五箱苹果一箱一百，没给钱")
    card = await chat.say("把周经理那笔删了")
    assert "要删除这笔账吗" in card and "超市周经理" in card and "老李" not in card
    await chat.say("对")
    assert await _users(chat) == [("老李",)]
