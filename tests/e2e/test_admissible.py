"""Drafts checked against what the books can hold when they are made: a question or a
refusal in Chinese, never a card the database refuses and never a silent guess (real
dispatcher, PostgreSQL and Redis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bot.app import Runtime
from chains.schemas import Intent, Parse, Patch
from handlers.dispatch import GENERIC_ERROR
from ledger import Entry, EntryType, Product
from tests.e2e.chat import Chat
from tests.e2e.test_amend import chat_with

pytestmark = pytest.mark.integration


@pytest.fixture
def chat(rt: Runtime) -> Chat:
    return Chat(rt)


async def test_an_amount_beyond_numeric_12_2_is_asked_again_then_saved(chat: Chat) -> None:
    ask = await chat.say("一共10000000000元卖给老王白菜")
    assert "超出了能记的范围" in ask and "¥9,999,999,999.99" in ask and GENERIC_ERROR not in ask
    again = await chat.say("对")  # cannot be saved as it is: the question stays
    assert "超出了能记的范围" in again and await chat.entries() == []
    assert "¥10,000" in await chat.say("一共一万")
    assert "已保存" in await chat.say("对")
    [saved] = await chat.entries()
    assert saved.entry.amount == Decimal(10000)


@pytest.mark.parametrize(("said", "why"), [
    ("2月30号卖给老王白菜一共100元", "这一天不存在"),
    ("13月1号卖给老王白菜一共100元", "这一天不存在"),
    ("明天卖给老王白菜一共100元", "还没到"),
    ("714年3月1号卖给老王白菜一共100元", "不在账本的年份里"),
    ("1900年3月1号卖给老王白菜一共100元", "不在账本的年份里"),
])
async def test_a_day_the_books_cannot_take_is_asked_not_dated_today(
        chat: Chat, said: str, why: str) -> None:
    ask = await chat.say(said)
    assert why in ask and "哪天" in ask
    assert "哪天" in await chat.say("对") and await chat.entries() == []
    assert "2026-03-01" in await chat.say("是3月1号的")
    assert "已保存" in await chat.say("对")
    [saved] = await chat.entries()
    assert saved.entry.date == dt.date(2026, 3, 1)


async def test_a_day_in_the_future_found_by_the_extractor_is_asked(chat: Chat) -> None:
    ask = await chat.say("下周三卖给老王白菜一共100元")
    assert "哪天" in ask
    assert "哪天" in await chat.say("对") and await chat.entries() == []


@pytest.mark.parametrize("said", ["卖给老王白菜-500元", "卖给老王白菜负五百", "收了老李－500"])
async def test_a_negative_sum_is_refused_never_saved_as_positive(chat: Chat, said: str) -> None:
    reply = await chat.say(said)
    assert "负数" in reply and "没有记" in reply and "退给" in reply
    assert "现在没有等待确认的账" in await chat.say("对")
    assert await chat.entries() == []


async def test_zero_is_asked_and_a_range_is_not_a_minus(chat: Chat) -> None:
    ask = await chat.say("卖给老王白菜一共0元")
    assert "¥0" in ask and "多少钱" in ask
    assert "多少钱" in await chat.say("对") and await chat.entries() == []
    assert "取消" in await chat.say("取消")
    assert "负数" not in await chat.say("卖给老王3-5斤白菜一共100元")


async def test_nul_and_control_characters_never_reach_the_books(chat: Chat) -> None:
    card = await chat.say("卖给老\x00王白菜\x1b[31m一共100元\u200b")
    assert "老王" in card and "\x00" not in card
    assert "已保存" in await chat.say("对")
    [saved] = await chat.entries()
    assert saved.entry.users == ("老王",) and "\x00" not in saved.provenance.raw_text


async def test_a_said_total_is_stored_and_shown_without_a_rounding_remainder(
        chat: Chat) -> None:
    card = await chat.say("卖给老李7盆千叶，一共1007元")
    assert "= ¥1,007" in card and "1,007.02" not in card and "约¥143.86" in card
    await chat.say("对")
    [saved] = await chat.entries()
    assert saved.entry.amount == Decimal(1007)
    for question in ("今天卖了多少", "今天哪个商品卖得最好"):
        answer = await chat.say(question)
        assert "¥1,007" in answer and "其他" not in answer and "0.02" not in answer


def _any_extractor_says(rt: Runtime, text: str, parse: Parse) -> Chat:
    """Whatever extractor produced it (an LLM, a future rule), the dialogue checks it."""
    return chat_with(rt, {text: parse})


async def test_five_thousand_products_or_a_huge_name_are_refused_with_a_word(
        rt: Runtime) -> None:
    many = Parse(intent=Intent.RECORD, entries=[Entry(
        type=EntryType.INCOME, date=dt.date(2026, 3, 15), amount=Decimal(100),
        products=tuple(Product(name=f"货{i}") for i in range(5000)))])
    chat = _any_extractor_says(rt, "卖了一堆货一共100", many)
    reply = await chat.say("卖了一堆货一共100")
    assert "最多记 50 种" in reply and "5000" in reply and "没有记" in reply
    assert "现在没有等待确认的账" in await chat.say("对") and await chat.entries() == []
    long = Parse(intent=Intent.RECORD, entries=[Entry(
        type=EntryType.INCOME, date=dt.date(2026, 3, 15), amount=Decimal(100),
        users=("老" * 80,))])
    chat = _any_extractor_says(rt, "卖给一个名字很长的人一百", long)
    assert "「老老老" in (reply := await chat.say("卖给一个名字很长的人一百")) and "太长" in reply
    assert await chat.entries() == []


async def test_a_refused_change_keeps_the_waiting_card(rt: Runtime) -> None:
    huge = Parse(intent=Intent.CORRECT, patch=Patch(users=["王" * 70]))
    chat = _any_extractor_says(rt, "是另一个人", huge)
    assert "¥10,000" in await chat.say("卖给老李5000盆千叶，一共10000元")
    refused = await chat.say("是另一个人")
    assert "太长" in refused and "之前等你确认的那笔还在" in refused
    assert "已保存" in await chat.say("对")
    [saved] = await chat.entries()
    assert saved.entry.users == ("老李",)
