"""Credit limits (欠款额度) through the real dispatcher, PostgreSQL and Redis: set by chat,
stored per account and counterparty, and warned about on the card."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from bot.app import Runtime
from tests.e2e.chat import Chat

pytestmark = pytest.mark.integration


async def _limits(rt: Runtime) -> list[tuple[str, Decimal | None]]:
    async with rt.sessions() as s:
        rows = await s.execute(text("SELECT name, credit_limit FROM counterparties ORDER BY id"))
        return [(n, v) for n, v in rows]


async def test_a_card_warns_when_an_entry_passes_the_limit(chat: Chat, rt: Runtime) -> None:
    await chat.say("老李拿了四十箱苹果一箱一百，没给钱")
    await chat.say("对")
    reply = await chat.say("老李的欠款额度5000")
    assert "¥5,000" in reply and "¥4,000" in reply  # the limit, and what he owes now
    assert await _limits(rt) == [("老李", Decimal(5000))]
    card = await chat.say("老李又拿了十六箱苹果一箱一百，没给钱")
    assert "⚠ 记上这笔后老李欠¥5,600，超过额度¥5,000" in card
    assert "已保存" in await chat.say("对")  # a warning, not a refusal
    assert len(await chat.entries()) == 2


async def test_an_entry_within_the_limit_or_paying_down_has_no_warning(chat: Chat) -> None:
    await chat.say("给老李设额度五千")
    card = await chat.say("老李拿了四十箱苹果一箱一百，先付了一千")  # owes 3,000
    assert "⚠" not in card and "请确认" in card
    await chat.say("对")
    card = await chat.say("老李还了两千")
    assert "⚠" not in card


async def test_limit_found_by_a_short_name_changed_and_removed(chat: Chat, rt: Runtime) -> None:
    await chat.say("卖给超市周经理十箱苹果一箱一百二，没给钱")
    await chat.say("对")
    reply = await chat.say("给周经理设个额度一千")
    assert "超市周经理（你说的周经理）" in reply and "已经超过额度 ¥200" in reply
    assert await _limits(rt) == [("超市周经理", Decimal(1000))]
    assert "¥2,000" in await chat.say("超市周经理额度改成两千")
    assert await _limits(rt) == [("超市周经理", Decimal(2000))]
    assert "¥2,000" in await chat.say("超市周经理的额度是多少")
    assert "已取消" in await chat.say("取消超市周经理的额度")
    assert await _limits(rt) == [("超市周经理", None)]
    card = await chat.say("周经理又拿了一百箱苹果一箱一百二，没给钱")
    assert "⚠" not in card


async def test_limits_are_per_account(rt: Runtime) -> None:
    alice, bob = Chat(rt, "alice"), Chat(rt, "bob")
    await alice.say("老李的欠款额度100")
    card = await bob.say("老李拿了十箱苹果一箱一百，没给钱")
    assert "⚠" not in card


async def test_setting_a_limit_keeps_the_waiting_card(chat: Chat) -> None:
    await chat.say("老李拿了十箱苹果一箱一百，没给钱")
    replies = await chat.say("老李的欠款额度500")
    assert "已设置" in replies and "请确认" in replies
    saved = await chat.say("对")
    assert "已保存" in saved and "⚠ 记上这笔后老李欠¥1,000，超过额度¥500" in saved
