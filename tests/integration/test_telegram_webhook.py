"""The Telegram webhook inside `ledgerbot serve`'s app, against a local Bot API stand-in:
secret header, dedup of redeliveries, the confirmation card and its buttons, commands."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from bot.app import Runtime
from bot.config import Config
from handlers.commands import COMMANDS
from storage.accounts import AccountRepository
from storage.repositories import LedgerRepository
from tests.fakes.telegram_api import (
    SECRET,
    Call,
    FakeBotApi,
    WebhookDriver,
    message_update,
    telegram_env,
    webhook_bot,
)

pytestmark = pytest.mark.integration
ALICE, BOB = 1001, 1002


@pytest.fixture
async def bot(tg_config: Config, today: dt.date, api: FakeBotApi) -> AsyncIterator[WebhookDriver]:
    async with webhook_bot(tg_config, today, api) as driver:
        yield driver


async def saved(rt: Runtime, user_id: int) -> list[dict[str, Any]]:
    """What `ledgerbot export --platform telegram --user <id>` would list."""
    async with rt.sessions.begin() as session:
        account = await AccountRepository(session).find("telegram", str(user_id))
        entries = [] if account is None else await LedgerRepository(session).active(account)
    return [e.to_export() for e in entries]


def card_of(calls: list[Call]) -> Call:
    cards = [c for c in calls if c.method == "sendMessage" and c.buttons]
    assert cards, [(c.method, c.text) for c in calls]
    return cards[-1]


def button(card: Call, label_start: str) -> str:
    return next(b["callback_data"] for b in card.buttons if b["text"].startswith(label_start))


async def test_start_registers_every_command(bot: WebhookDriver, api: FakeBotApi) -> None:
    (call,) = api.sent("setMyCommands")
    assert {c["command"]: c["description"] for c in call.params["commands"]} == COMMANDS


async def test_secret_header_is_required(bot: WebhookDriver, api: FakeBotApi) -> None:
    update = message_update(bot.next_id(), ALICE, text="/help")
    assert await bot.post(update, secret=None) == 403
    assert await bot.post(update, secret="wrong") == 403
    assert api.sent("sendMessage") == []
    assert await bot.post(update) == 200
    assert len(api.sent("sendMessage", ALICE)) == 1


async def test_bodies_that_are_not_an_update_object_get_400(
        bot: WebhookDriver, api: FakeBotApi) -> None:
    for body in (b"[1, 2]", b"5", b"null", b'"text"', b"{}", b'{"update_id": "x"}',
                 b"{not json", "卖".encode("gbk")):
        assert await bot.post_raw(body) == 400, body
    assert await bot.post_raw(b"[1, 2]", secret=None) == 403  # the secret is checked first
    assert not [c for c in api.calls if c.method == "sendMessage"]
    assert await saved(bot.rt, ALICE) == []


async def test_an_oversized_body_is_refused_before_it_is_read(bot: WebhookDriver) -> None:
    huge = message_update(bot.next_id(), ALICE, text="卖" * 200_000)
    assert await bot.post(huge) == 413
    assert await saved(bot.rt, ALICE) == []


async def test_redelivered_update_is_processed_once(bot: WebhookDriver, api: FakeBotApi) -> None:
    update = message_update(bot.next_id(), ALICE, text="付了运费150")
    first = await bot.deliver(update)
    again = await bot.deliver(update)
    assert [c.method for c in first] == ["sendMessage"] and "150" in first[0].text
    assert again == []


async def test_card_buttons_save_once_and_card_shows_result(
    bot: WebhookDriver, api: FakeBotApi
) -> None:
    card = card_of(await bot.say(ALICE, "卖给老李5000盆千叶，一共10000元"))
    assert [b["text"] for b in card.buttons] == ["✅ 保存", "✏️ 修改", "❌ 取消"]
    confirm = button(card, "✅")
    calls = await bot.press(ALICE, card, confirm)
    assert [c.method for c in calls] == ["editMessageText", "answerCallbackQuery"]
    edit = calls[0]
    assert edit.text.startswith("✅ 已保存") and "reply_markup" not in edit.params
    assert edit.params["message_id"] == card.params["message_id"]
    # An old client still showing the buttons presses again: nothing is saved twice.
    await bot.press(ALICE, card, confirm)
    entries = await saved(bot.rt, ALICE)
    assert [(e["type"], float(e["amount"])) for e in entries] == [("income", 10000.0)]


async def test_cancel_button_marks_card_cancelled(bot: WebhookDriver, api: FakeBotApi) -> None:
    card = card_of(await bot.say(ALICE, "从老张那进了300盆月季每盆1块5"))
    calls = await bot.press(ALICE, card, button(card, "❌"))
    assert calls[0].method == "editMessageText" and calls[0].text.startswith("❌ 已取消")
    assert await saved(bot.rt, ALICE) == []


async def test_typed_answer_removes_old_card_buttons(bot: WebhookDriver, api: FakeBotApi) -> None:
    card = card_of(await bot.say(ALICE, "付了运费150"))
    calls = await bot.say(ALICE, "对")
    assert [c.method for c in calls] == ["sendMessage", "editMessageReplyMarkup"]
    assert calls[1].params["message_id"] == card.params["message_id"]
    assert "reply_markup" not in calls[1].params


async def test_edit_button_keeps_draft_and_asks(bot: WebhookDriver, api: FakeBotApi) -> None:
    card = card_of(await bot.say(ALICE, "卖给老李5000盆千叶每盆2块"))
    calls = await bot.press(ALICE, card, button(card, "✏️"))
    assert [c.method for c in calls] == [
        "editMessageReplyMarkup", "sendMessage", "answerCallbackQuery"]
    new_card = card_of(await bot.say(ALICE, "不对，是3000盆"))
    assert "6,000" in new_card.text or "6000" in new_card.text
    await bot.press(ALICE, new_card, button(new_card, "✅"))
    assert [float(e["amount"]) for e in await saved(bot.rt, ALICE)] == [6000.0]


async def test_someone_else_cannot_press_my_card(bot: WebhookDriver, api: FakeBotApi) -> None:
    group = -5000
    update = message_update(bot.next_id(), ALICE, text="付了运费150", chat_id=group)
    card = card_of(await bot.deliver(update))
    calls = await bot.press(BOB, card, button(card, "✅"))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == "这不是你的账单卡片。"
    assert await saved(bot.rt, ALICE) == []


async def test_export_command_sends_xlsx_document(bot: WebhookDriver, api: FakeBotApi) -> None:
    card = card_of(await bot.say(ALICE, "付了运费150"))
    await bot.press(ALICE, card, button(card, "✅"))
    calls = await bot.say(ALICE, "/export")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    assert doc.params["caption"].startswith("共 1 笔账")
    wb = load_workbook(io.BytesIO(doc.files["document"]))
    assert wb.sheetnames == ["账目", "应收", "应付", "周转筐", "商品"]
    rows = list(wb["账目"].iter_rows(values_only=True))
    assert [(r[2], r[6]) for r in rows[1:]] == [("expense", 150)]


async def test_stickers_get_a_hint_not_silence(bot: WebhookDriver, api: FakeBotApi) -> None:
    sticker = {"file_id": "st1", "file_unique_id": "ust1", "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False}
    calls = await bot.deliver(message_update(bot.next_id(), ALICE, sticker=sticker))
    assert [c.method for c in calls] == ["sendMessage"] and "文字和语音" in calls[0].text


def test_serve_command_hosts_the_webhook(bot_env: dict[str, str], api: FakeBotApi) -> None:
    """`ledgerbot serve --today`: uvicorn, the app's lifespan starting the channel, the route."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(Path(sys.executable).parent / "ledgerbot"), "serve", "--port", str(port),
           "--today", "2026-03-15"]
    proc = subprocess.Popen(cmd, env=telegram_env(bot_env, api), stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            time.sleep(0.2)
        update = message_update(1, ALICE, text="/today")
        assert httpx.post(f"{url}/telegram", json=update).status_code == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert httpx.post(f"{url}/telegram", json=update, headers=headers).status_code == 200
        (reply,) = api.wait_for("sendMessage", timeout=30)
        assert reply.chat_id == str(ALICE)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    # uvicorn re-raises the SIGINT it captured once it has shut down cleanly.
    assert proc.returncode in (0, -signal.SIGINT), err[-2000:]
    assert len(api.sent("setMyCommands")) == 1
