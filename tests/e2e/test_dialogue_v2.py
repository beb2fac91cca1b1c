"""Dialogue version 2 on the console, where a transcript needs more than run.py's checks:
what is refused, what each button saves, what undo does twice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.app import Runtime
from ledger import EntryType
from tests.e2e.chat import Chat

pytestmark = pytest.mark.integration


@pytest.fixture
def chat(rt: Runtime) -> Chat:
    return Chat(rt)


async def test_a_doubt_blocks_saving_until_answered(chat: Chat) -> None:
    asked = await chat.say("卖给老李100盆绿萝，一共750，给了七百")
    assert "抹零" in asked and "还欠着" in asked
    assert (await chat.say("对")).startswith("还不能保存")
    assert await chat.entries() == []
    assert "¥700" in await chat.say("抹零了")
    await chat.say("对")
    [saved] = await chat.entries()
    assert (saved.entry.type, saved.entry.amount) == (EntryType.INCOME, Decimal(700))


async def test_a_doubt_is_shown_again_after_a_question(chat: Chat) -> None:
    await chat.say("卖给老李100盆绿萝，一共750，给了七百")
    reply = await chat.say("今天卖了多少")
    assert reply.endswith("（回复「抹零」或「还欠着」）")


async def test_the_reply_says_what_it_understood(chat: Chat) -> None:
    await chat.say("早上卖给老李三百盆千叶")
    reply = await chat.say("一盆两块")
    assert reply.startswith("已补上：商品：千叶 300盆 × ¥2 = ¥600；金额：¥600")
    reply = await chat.say("日期是昨天")
    assert reply.startswith("已修改：日期：") and "（昨天）" in reply.splitlines()[0]


async def test_a_correction_of_a_missing_entry_number_changes_nothing(chat: Chat) -> None:
    await chat.say("付了运费150")
    reply = await chat.say("第三笔是60")
    assert reply.startswith("这张卡片只有 1 笔，没有改动。") and "¥150" in reply


async def test_undo_after_an_edit_restores_it_and_a_second_undo_removes_the_entry(
    chat: Chat,
) -> None:
    await chat.say("卖给老李100盆绿萝一共300")
    await chat.say("对")
    await chat.say("卖给老王20盆吊兰一共80")
    await chat.say("对")
    await chat.say("把今天老李那笔改成350")
    assert "改错了回复「撤销」" in await chat.say("对")
    assert (await chat.say("撤销")).startswith("已撤销刚才的修改")
    assert sorted(e.entry.amount or 0 for e in await chat.entries()) == [80, 300]
    # the edit is undone: the next 撤销 is the ordinary one, the last entry saved
    assert (await chat.say("撤销")).startswith("已撤销上一笔：收入 老王")
    assert [e.entry.amount for e in await chat.entries()] == [Decimal(300)]
    assert await chat.audit_actions() == ["create", "create", "update", "update", "delete"]


async def test_a_new_entry_while_a_question_waits_brings_the_question_back(chat: Chat) -> None:
    await chat.say("卖给老王一百斤西红柿")
    card = await chat.say("交了摊位费二百")
    assert card.startswith("上一笔（收入 老王 西红柿100斤")
    after = await chat.say("对")
    assert "已保存：支出 摊位费 ¥200" in after
    assert after.endswith("这笔一共多少钱？（比如：一共两千五）")
    [saved] = await chat.entries()
    assert saved.entry.category == "摊位费"
