"""Long polling end to end against the Bot API stand-in: in-process with the Updater API,
and as `ledgerbot run telegram --today` in a subprocess, then `ledgerbot export`."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import runtime
from bot.config import load_config
from bot.settings import telegram_settings
from bot.telegram.polling import poll
from tests.fakes.telegram_api import (
    FakeBotApi,
    callback_update,
    message_update,
    telegram_env,
)

pytestmark = pytest.mark.integration
LEDGERBOT = Path(sys.executable).parent / "ledgerbot"
ALICE = 2001


async def test_polling_answers_and_saves_with_buttons(
    bot_env: dict[str, str], api: FakeBotApi, today: dt.date
) -> None:
    config = load_config(env=telegram_env(bot_env, api))
    async with runtime(config, today=today) as rt:
        stop = asyncio.Event()
        settings = telegram_settings(config)
        task = asyncio.create_task(poll(settings, rt.dispatcher, rt.redis, stop))
        try:
            api.queue(message_update(1, ALICE, text="卖给老李5000盆千叶，一共10000元"))
            (card,) = await asyncio.to_thread(api.wait_for, "sendMessage")
            assert card.buttons and "10,000" in card.text and "今天" in card.text
            api.queue(callback_update(2, ALICE, card, card.buttons[0]["callback_data"]))
            (edit,) = await asyncio.to_thread(api.wait_for, "editMessageText")
            await asyncio.to_thread(api.wait_for, "answerCallbackQuery")
            assert edit.text.startswith("✅ 已保存")
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)
    assert [c.method for c in api.calls][:2] == ["setMyCommands", "deleteWebhook"]


def test_run_telegram_command_polls_until_signalled(
    bot_env: dict[str, str], api: FakeBotApi
) -> None:
    env = telegram_env(bot_env, api)
    proc = subprocess.Popen([str(LEDGERBOT), "run", "telegram", "--today", "2026-03-15"],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        api.queue(message_update(10, ALICE, text="付了运费150"))
        (card,) = api.wait_for("sendMessage", timeout=60)
        assert "2026-03-15（今天）" in card.text
        api.queue(message_update(11, ALICE, text="对"))
        saved = api.wait_for("sendMessage", 2)[1]
        assert saved.text.startswith("✅ 已保存")
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err[-2000:]
    out = subprocess.run([str(LEDGERBOT), "export", "--platform", "telegram", "--user",
                          str(ALICE)], env=env, capture_output=True, text=True, timeout=60)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["type"], float(r["amount"]), r["date"]) for r in rows] == [
        ("expense", 150.0, "2026-03-15")]
