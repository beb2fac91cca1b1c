"""Pure parts of the Telegram channel: splitting, buttons, settled cards, per-chat order,
and the translation of Update JSON into the neutral IncomingMessage."""

from __future__ import annotations

import argparse

import pytest
from telegram import Update

from bot.cli import cmd_run
from bot.config import Config
from bot.split import split_text
from bot.telegram.mapping import chat_ref, to_incoming
from bot.telegram.outgoing import keyboard
from bot.telegram.updates import final_text
from handlers.messages import Action, Choice, Reply
from tests.fakes.telegram_api import message_update


def test_split_text_keeps_every_character_under_the_limit() -> None:
    text = "\n".join(f"第{i}行：卖给老李5000盆千叶" for i in range(400))
    chunks = split_text(text, 500)
    assert all(len(c) <= 500 for c in chunks) and len(chunks) > 1
    assert "\n".join(chunks) == text  # cut at line breaks, nothing lost


def test_split_text_cuts_a_long_line_mid_way() -> None:
    assert split_text("账" * 1050, 500) == ["账" * 500, "账" * 500, "账" * 50]
    assert split_text("短", 500) == ["短"]


def test_keyboard_is_one_row_and_drops_oversized_callback_data() -> None:
    markup = keyboard([Choice(label="✅ 保存", action=Action(kind="confirm", draft_id="abc")),
                       Choice(label="坏", action=Action(kind="edit", draft_id="x" * 65))])
    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [["confirm:abc"]]
    assert keyboard([]) is None


def test_settled_cancel_card_is_marked() -> None:
    cancelled = "已取消，这笔没有保存：支出 ¥450"
    assert final_text(Reply(text=cancelled, kind="cancelled")) == f"❌ {cancelled}"
    saved = "✅ 已保存：支出 ¥450"
    assert final_text(Reply(text=saved, kind="saved")) == saved


def test_update_becomes_neutral_message_with_telegram_identity() -> None:
    update = Update.de_json(message_update(77, 1001, text="付了运费150", chat_id=-42), None)
    ref = chat_ref(update)
    assert ref is not None
    msg = to_incoming(update, ref, text="付了运费150")
    assert (msg.chat.platform, msg.chat.chat_id, msg.chat.user_id) == ("telegram", "-42", "1001")
    assert msg.message_id == "77" and msg.received_at is not None


def test_run_telegram_without_token_explains_and_exits(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_run(argparse.Namespace(today=None), Config()) == 2
    assert "LEDGERBOT_TELEGRAM__TOKEN" in capsys.readouterr().err
