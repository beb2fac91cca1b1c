"""Replies as the real PTB client sends them to the Bot API stand-in: split long text,
buttons on the last chunk, CSV via sendDocument, charts via sendPhoto."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from telegram import Bot

from bot.telegram.outgoing import send_reply, strip_buttons
from handlers.messages import Action, Chart, Choice, Document, Reply
from tests.fakes.telegram_api import FakeBotApi

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LIMIT = 4000


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=f"{api.base_url}/bot",
                   base_file_url=f"{api.base_url}/file/bot") as b:
        yield b


async def test_long_reply_is_split_and_buttons_ride_on_the_last_chunk(
    bot: Bot, api: FakeBotApi
) -> None:
    text = "\n".join(f"{i:03d} 卖给老李5000盆千叶 ¥10,000" for i in range(400))  # ~10k chars
    choices = (Choice(label="✅ 保存", action=Action(kind="confirm", draft_id="d1")),
               Choice(label="❌ 取消", action=Action(kind="cancel", draft_id="d1")))
    card = await send_reply(bot, 42, Reply(text=text, choices=choices), LIMIT)
    sent = api.sent("sendMessage")
    assert len(sent) == 3 and all(len(c.text) <= LIMIT for c in sent)
    assert "\n".join(c.text for c in sent) == text
    assert [c.buttons for c in sent[:-1]] == [[], []]
    assert [b["callback_data"] for b in sent[-1].buttons] == ["confirm:d1", "cancel:d1"]
    assert card is not None and card.message_id == sent[-1].params["message_id"]


async def test_document_goes_with_its_text_as_caption(bot: Bot, api: FakeBotApi) -> None:
    doc = Document(filename="账本-2026-03-15.csv", content="\ufeffid,date\n".encode())
    await send_reply(bot, 42, Reply(text="共 0 笔账，已导出为 CSV。", document=doc), LIMIT)
    assert api.sent("sendMessage") == []
    (call,) = api.sent("sendDocument")
    assert call.params["caption"] == "共 0 笔账，已导出为 CSV。"
    assert call.files["document"] == doc.content


async def test_chart_goes_as_photo(bot: Bot, api: FakeBotApi) -> None:
    chart = Chart(kind="ranking", title="卖得最好的商品", labels=("千叶", "绿萝"),
                  values=(Decimal(10000), Decimal(200)), fallback_text="1. 千叶 ¥10,000",
                  filename="卖得最好的商品.png")
    await send_reply(bot, 42, Reply(text="卖得最好的商品（前 2 名）", chart=chart), LIMIT)
    assert api.sent("sendMessage") == []
    (call,) = api.sent("sendPhoto")
    assert call.files["photo"].startswith(PNG_SIGNATURE)
    assert call.params["caption"] == "卖得最好的商品（前 2 名）"


async def test_stripping_buttons_of_a_missing_card_is_harmless(bot: Bot, api: FakeBotApi) -> None:
    await strip_buttons(bot, 42, 999)  # the stand-in answers 400 "message to edit not found"
    (call,) = api.sent("editMessageReplyMarkup")
    assert call.params["message_id"] == 999
