"""A 对账单 asked for as a file brings every entry behind the balance as CSV; a long one
shown in chat says how to get the rest."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from bot.app import Runtime
from ledger import Entry, EntryType, Product
from storage.accounts import AccountRepository
from storage.entries import Provenance
from storage.repositories import LedgerRepository
from tests.e2e.chat import Chat


async def _credit_sales(rt: Runtime, user: str, n: int) -> None:
    async with rt.sessions.begin() as s:
        account = await AccountRepository(s).resolve("console", user)
        ledger = LedgerRepository(s)
        for i in range(n):
            entry = Entry(
                type=EntryType.CREDIT, users=("老李",), amount=Decimal(100 + i),
                products=(Product(name="绿萝", quantity=Decimal(10)),),
                date=dt.date(2026, 2, 1) + dt.timedelta(days=i % 40),
            )
            await ledger.add(account, entry, Provenance(dedup_key=f"s{i}"), actor=user)


async def test_statement_file_holds_every_entry(rt: Runtime) -> None:
    await _credit_sales(rt, "alice", 35)
    chat = Chat(rt)
    shown = await chat.say("跟老李对一下账")
    owed = sum(100 + i for i in range(35))
    assert f"{owed:,}" in shown and "导出老李的对账单" in shown  # 30 of 35 listed
    assert chat.last[0].document is None
    answer = await chat.say("导出老李的对账单")
    doc = chat.last[0].document
    assert doc is not None and doc.filename == "对账单-老李-2026-03-15.csv"
    assert f"{owed:,}" in answer and "35 笔明细" in answer
    rows = list(csv.DictReader(io.StringIO(doc.content.decode("utf-8-sig"))))
    assert sorted(Decimal(r["amount"]) for r in rows) == [Decimal(100 + i) for i in range(35)]
    assert {r["users"] for r in rows} == {"老李"} and {r["type"] for r in rows} == {"credit"}


async def test_short_statement_needs_no_hint(rt: Runtime) -> None:
    await _credit_sales(rt, "bob", 2)
    chat = Chat(rt, "bob")
    shown = await chat.say("跟老李对账")
    assert "201" in shown and "导出" not in shown
