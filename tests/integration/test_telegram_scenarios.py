"""The dev conversations (../shared/scenarios/dev.yaml) and our dialogue v2 ones (tests/data)
replayed on Telegram must save the same entries as on the console: once typed, once with
对/确认/没问题 and 取消/算了 pressed as the card's buttons. Typed replies must also read
exactly as the console's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app import Runtime
from bot.config import Config
from bot.console import console_message
from storage.accounts import AccountRepository
from storage.repositories import LedgerRepository
from tests.e2e.conversations import OURS, Day, load
from tests.fakes.telegram_api import Call, FakeBotApi, WebhookDriver, webhook_bot

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SCENARIOS = Path(__file__).resolve().parents[3] / "shared" / "scenarios" / "dev.yaml"
CONFIRM_WORDS = {"对", "确认", "没问题", "好的", "保存"}
CANCEL_PREFIXES = ("取消", "算了")
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def load_scenarios() -> list[dict[str, Any]]:
    # No silent pass: without ../shared the collection fails loudly.
    return [*yaml.safe_load(SCENARIOS.read_text(encoding="utf-8")), *load(OURS)]


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


async def export(rt: Runtime, platform: str, user: str) -> list[dict[str, Any]]:
    """Saved entries without what differs between runs (ids, where they came from)."""
    async with rt.sessions.begin() as session:
        account = await AccountRepository(session).find(platform, user)
        entries = [] if account is None else await LedgerRepository(session).active(account)
    rows = [e.to_export() for e in entries]
    for row in rows:
        del row["id"], row["source"]
    return sorted(rows, key=repr)


def texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]


def mentions(reply: str, want: Any) -> bool:
    """run.py's check: a number appears (thousands separators and 万 understood)."""
    if isinstance(want, list):
        return any(mentions(reply, w) for w in want)
    if not isinstance(want, int | float):
        return str(want) in reply
    found = set()
    for m in NUM.finditer(reply):
        value = float(m.group().replace(",", ""))
        found.add(round(value, 2))
        if reply[m.end():m.end() + 1] == "万":  # 1.5万 is 15000
            found.add(round(value * 10000, 2))
    return round(float(want), 2) in found


async def replay(bot: WebhookDriver, sc: dict[str, Any], ids: dict[str, int], day: Day, *,
                 buttons: bool) -> tuple[list[str], list[list[str]]]:
    """Play the turns; returns problems with expected/absent numbers, and each turn's texts.
    With `buttons`, every 对/确认/没问题 and 取消/算了 must find a live card to press."""
    problems: list[str] = []
    replies: list[list[str]] = []
    day.value = Day(sc["today"]).value
    for i, turn in enumerate(sc["turns"], 1):
        day.follow(turn)
        uid, text = ids[turn.get("user", "alice")], turn["say"]
        card = _live_card(bot, uid)
        if buttons and card is not None and text in CONFIRM_WORDS:
            calls = await bot.press(uid, card, _data(card, "confirm:"))
        elif buttons and card is not None and text.startswith(CANCEL_PREFIXES):
            calls = await bot.press(uid, card, _data(card, "cancel:"))
        else:
            if buttons and (text in CONFIRM_WORDS or text.startswith(CANCEL_PREFIXES)):
                problems.append(f"turn {i} {text}: no live card to press")
            calls = await bot.say(uid, text)
        replies.append(texts(calls))
        reply = "\n".join(replies[-1])
        problems += [f"turn {i} {text}: lacks {w!r} in {reply!r}" for w in turn.get("expect", [])
                     if not mentions(reply, w)]
        problems += [f"turn {i} {text}: has {w!r} in {reply!r}" for w in turn.get("absent", [])
                     if mentions(reply, w)]
    return problems, replies


def _live_card(bot: WebhookDriver, uid: int) -> Call | None:
    """The newest card in the chat, unless a later call already took its buttons away."""
    calls = bot.api.sent(chat_id=uid)
    cards = [c for c in calls if c.method == "sendMessage" and c.buttons]
    if not cards:
        return None
    mid = cards[-1].params["message_id"]
    settled = any(c.method.startswith("edit") and c.params["message_id"] == mid for c in calls)
    return None if settled else cards[-1]


def _data(card: Call, prefix: str) -> str:
    return next(b["callback_data"] for b in card.buttons if b["callback_data"].startswith(prefix))


@pytest.mark.parametrize("sc", load_scenarios(), ids=lambda sc: sc["name"])
async def test_dev_conversation_saves_what_the_console_saves(
    sc: dict[str, Any], tg_config: Config, api: FakeBotApi
) -> None:
    day = Day(sc["today"])
    users = sorted({t.get("user", "alice") for t in sc["turns"]} | set(sc.get("entries") or {}))
    base = 10_000 + 100 * load_scenarios().index(sc)
    typed = {u: base + i for i, u in enumerate(users)}
    pressed = {u: base + 50 + i for i, u in enumerate(users)}
    async with webhook_bot(tg_config, day, api) as bot:
        console_replies = []
        for turn in sc["turns"]:
            day.follow(turn)
            msg = console_message(turn.get("user", "alice"), turn["say"])
            console_replies.append([r.text for r in await bot.rt.dispatcher.handle(msg)])
        typed_problems, typed_replies = await replay(bot, sc, typed, day, buttons=False)
        pressed_problems, _ = await replay(bot, sc, pressed, day, buttons=True)
        for user in users:
            console = await export(bot.rt, "console", user)
            assert await export(bot.rt, "telegram", str(typed[user])) == console, user
            assert await export(bot.rt, "telegram", str(pressed[user])) == console, user
            assert len(console) == len((sc.get("entries") or {}).get(user, console))
    assert typed_problems == [] and pressed_problems == []
    assert typed_replies == console_replies  # same dispatcher, same words, no split needed
