"""Entries saved earlier are changed or removed only after the vendor saw which one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from bot.app import Runtime
from chains.extractor import Extraction, RulesExtractor
from chains.schemas import EntryRef, ExtractContext, Intent, Parse, Patch
from handlers import build_router
from handlers.dispatch import Dispatcher
from tests.e2e.chat import Chat

pytestmark = pytest.mark.integration


class Scripted:
    """Rules, except for the lines given: their parse is fixed (what the rules extractor
    answers for edit/delete wording is tested with the extractor)."""

    def __init__(self, scripted: dict[str, Parse]) -> None:
        self._scripted, self._rules = scripted, RulesExtractor()

    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        if text in self._scripted:
            return Extraction(parse=self._scripted[text], extractor="scripted")
        return await self._rules.extract(text, ref_date, context)


def chat_with(rt: Runtime, scripted: dict[str, Parse]) -> Chat:
    """A chat on the same books whose dispatcher reads the scripted lines."""
    services = dataclasses.replace(rt.dispatcher.services, extractor=Scripted(scripted))
    return Chat(dataclasses.replace(rt, dispatcher=Dispatcher(services, build_router())))


EDIT = Parse(intent=Intent.EDIT, ref=EntryRef(users=["老李"]), patch=Patch(amount=Decimal(350)))
DELETE = Parse(intent=Intent.DELETE, ref=EntryRef(users=["老王"]))


async def test_an_older_entry_is_changed_after_its_card_is_confirmed(rt: Runtime) -> None:
    chat = chat_with(rt, {"老李那笔改成350": EDIT})
    await chat.say("卖给老李100盆绿萝一共300")
    await chat.say("对")
    await chat.say("卖给老王50盆绿萝一共150")
    await chat.say("对")
    card = await chat.say("老李那笔改成350")
    assert card.startswith("原来：收入 老李 绿萝100盆 ¥300") and "改成这样对吗" in card
    assert "¥350" in card
    assert sorted(e.entry.amount or 0 for e in await chat.entries()) == [150, 300]  # not yet
    done = await chat.say("对")
    assert done.startswith("✅ 已修改：收入 老李 绿萝100盆 ¥300") and done.count("¥350") == 1
    assert sorted(e.entry.amount or 0 for e in await chat.entries()) == [150, 350]
    assert await chat.audit_actions() == ["create", "create", "update"]


async def test_an_entry_that_is_not_the_last_is_deleted_after_its_card(rt: Runtime) -> None:
    chat = chat_with(rt, {"把老王那笔删了": DELETE})
    await chat.say("卖给老王50盆绿萝一共150")
    await chat.say("对")
    await chat.say("卖给老李20盆吊兰一共80")
    await chat.say("对")
    card = await chat.say("把老王那笔删了")
    assert card.startswith("要删除这笔账吗？") and "¥150" in card
    assert (await chat.say("对")).startswith("✅ 已删除：收入 老王 绿萝50盆 ¥150")
    assert [(e.entry.users, e.entry.amount) for e in await chat.entries()] == [(("老李",), 80)]
    assert await chat.audit_actions() == ["create", "create", "delete"]


async def test_several_matches_are_listed_and_nothing_changes(rt: Runtime) -> None:
    chat = chat_with(rt, {"把老王那笔删了": DELETE})
    for amount in ("150", "90"):
        await chat.say(f"卖给老王50盆绿萝一共{amount}")
        await chat.say("对")
    reply = await chat.say("把老王那笔删了")
    assert reply.startswith("找到不止一笔老王的账") and "¥150" in reply and "¥90" in reply
    assert reply.endswith("这次没有改动任何账。")
    assert (await chat.say("对")).startswith("现在没有等待确认的账")
    assert len(await chat.entries()) == 2


async def test_no_match_says_so(rt: Runtime) -> None:
    chat = chat_with(rt, {"把老王那笔删了": DELETE})
    assert await chat.say("把老王那笔删了") == "没找到老王的账。这次没有改动任何账。"
