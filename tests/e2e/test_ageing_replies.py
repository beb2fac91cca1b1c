"""What is owed, said with its age when some of it is over a month old: payments pay off
the oldest debt first, so "其中" splits the balance by the age of what is still unpaid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bot.app import Runtime
from ledger import Entry, EntryType
from tests.e2e.chat import Chat
from tests.integration.books import save

pytestmark = pytest.mark.integration
D = Decimal


def _on(today: dt.date, days_ago: int, kind: EntryType, amount: int, who: str) -> Entry:
    paid = D(0) if kind in (EntryType.CREDIT, EntryType.PAYABLE) else None
    return Entry(type=kind, users=(who,), amount=D(amount), paid=paid,
                 date=today - dt.timedelta(days=days_ago))


async def test_receivable_and_payable_answers_say_how_old(rt: Runtime, today: dt.date) -> None:
    async with rt.sessions() as s:
        await save(s, [
            _on(today, 50, EntryType.CREDIT, 500, "老王"),
            _on(today, 40, EntryType.CREDIT, 300, "老王"),
            _on(today, 20, EntryType.SETTLE, 600, "老王"),  # pays the 500, then 100 of 300
            _on(today, 3, EntryType.CREDIT, 400, "小刘"),
            _on(today, 100, EntryType.PAYABLE, 900, "老赵"),
            _on(today, 1, EntryType.CREDIT, 50, "张姐"),
        ])
        await s.commit()
    chat = Chat(rt)
    assert await chat.say("老王还欠多少") == "老王 还欠我 ¥200。\n其中 31–60 天 ¥200"
    owed = (await chat.say("谁还欠我钱")).splitlines()
    assert owed[0] == "一共还欠我 ¥650："
    assert owed[-1] == "其中 0–30 天 ¥450，31–60 天 ¥200"
    assert await chat.say("/payable") == "我还欠老赵 ¥900。\n其中 90 天以上 ¥900"
    # Recent debts only: no age line at all.
    assert await chat.say("张姐还欠多少") == "张姐 还欠我 ¥50。"
