"""The XLSX and CSV exports opened the way the vendor's spreadsheet would: the workbook's
sheets hold the saved entries and the balances (checked against SQL written here), and no
text cell can run as a formula, even for a counterparty named like one."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.export import to_csv
from handlers.workbook import read_book
from handlers.xlsx import to_xlsx
from ledger import Container, Entry, EntryType, Product
from storage.reports import ReportRepository
from storage.repositories import LedgerRepository
from tests.integration import books

pytestmark = pytest.mark.integration
D = Decimal
TODAY = books.TODAY
EVIL = '=HYPERLINK("http://x","y")'
BAD_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
GUIDE = ["id", "date", "type", "users", "products", "containers", "amount", "paid",
         "category", "remark", "source"]
RECEIVABLE = (
    "CASE type WHEN 'credit' THEN amount - COALESCE(paid, 0) WHEN 'borrow' THEN amount"
    " WHEN 'settle' THEN -amount WHEN 'return' THEN -amount END"
)
INCOME = (
    "CASE type WHEN 'income' THEN amount WHEN 'credit' THEN amount"
    " WHEN 'refund' THEN -amount END"
)


def _quoted(v: str) -> str:
    return "'" + v if v[:1] in BAD_STARTS and v else v


def _evil_entries() -> list[Entry]:
    day = TODAY - dt.timedelta(days=40)
    return [
        Entry(type=EntryType.CREDIT, users=(EVIL,), amount=D("123.45"), paid=D(0), date=day,
              products=(Product(name="+cmd", quantity=D(3), unit="盆", unit_price=D("41.15")),),
              containers=(Container(name="@筐", quantity=D(2)),), remark="-5 元"),
        Entry(type=EntryType.EXPENSE, amount=D(30), category="=1+2", date=TODAY,
              remark="\tTAB\x01控制符"),
    ]


async def _account(s: AsyncSession) -> int:
    account = await books.generated(s, seed=7)
    await books.save(s, _evil_entries(), key="evil")
    await s.commit()
    return account


def _rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


async def _sql(s: AsyncSession, sql: str, account: int) -> list[Any]:
    return list(await s.execute(text(sql), {"a": account, "e": TODAY}))


SCOPE = "account_id = :a AND status = 'active' AND transaction_date <= :e"


async def test_workbook_holds_the_books_and_nothing_runs(session: AsyncSession) -> None:
    account = await _account(session)
    book = await read_book(LedgerRepository(session), ReportRepository(session), account, TODAY)
    wb = load_workbook(io.BytesIO(to_xlsx(book)))
    assert wb.sheetnames == ["账目", "应收", "应付", "周转筐", "商品"]

    for ws in wb.worksheets:  # nothing a spreadsheet would run
        for cells in ws.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(BAD_STARTS), (ws.title, cell.value)

    # 账目: the export's entries, cell for cell
    exported = [e.to_export() for e in await LedgerRepository(session).active(account)]
    header, *rows = _rows(wb["账目"])
    assert list(header) == GUIDE
    assert len(rows) == len(exported)
    for row, e in zip(rows, exported, strict=True):
        got = dict(zip(GUIDE, row, strict=True))
        assert got["id"] == e["id"] and got["type"] == e["type"]
        assert got["date"].date() == dt.date.fromisoformat(e["date"])
        assert got["amount"] == e["amount"] and got["paid"] == e.get("paid")
        assert got["category"] == (_quoted(e["category"]) if e["category"] else None)
        assert got["users"] == (_quoted("、".join(e["users"])) or None)
        assert got["source"] == e["source"]
    by_id = {r[0]: dict(zip(GUIDE, r, strict=True)) for r in rows}
    remarks = ("-5 元", "\tTAB\x01控制符")
    evil_id, plain_id = (e["id"] for e in exported if e.get("remark") in remarks)
    evil = by_id[evil_id]
    assert evil["users"] == "'" + EVIL
    assert evil["products"].startswith("'+cmd3盆")
    assert evil["containers"] == "'@筐×2" and evil["remark"] == "'-5 元"
    assert evil["amount"] == 123.45 and evil["paid"] == 0
    plain = by_id[plain_id]
    assert plain["category"] == "'=1+2" and plain["remark"] == "'\tTAB控制符"
    money = wb["账目"].cell(row=len(rows) + 1, column=GUIDE.index("amount") + 1)
    assert "¥" in money.number_format and isinstance(money.value, (int, float))
    assert wb["账目"].cell(row=2, column=2).number_format == "yyyy-mm-dd"

    # 应收: balances per counterparty as the GUIDE defines them; the age buckets add up
    expected = {
        who: v for who, v in await _sql(
            session, f"SELECT u, SUM({RECEIVABLE}) FROM transactions, unnest(users) u"
            f" WHERE {SCOPE} AND ({RECEIVABLE}) IS NOT NULL GROUP BY u"
            f" HAVING SUM({RECEIVABLE}) <> 0", account)
    }
    header, *rows = _rows(wb["应收"])
    assert header[:6] == ("对方", "应收余额", "0–30 天", "31–60 天", "61–90 天", "90 天以上")
    body = [r for r in rows if r[0] and r[1] is not None and r[0] != "合计"]
    got_balances = {("'" + EVIL if k == EVIL else k): v for k, v in expected.items()}
    assert {r[0]: D(str(r[1])) for r in body} == got_balances
    for r in body:
        assert sum(D(str(v)) for v in r[2:6]) == max(D(str(r[1])), D(0))
    assert dict((r[0], r[3]) for r in body)["'" + EVIL] == 123.45  # 40 days old

    # 周转筐: containers out per counterparty and kind
    crates = await _sql(
        session,
        "SELECT u, c->>'name', SUM(CASE WHEN type = 'return' THEN -1 ELSE 1 END"
        " * (c->>'quantity')::numeric) FROM transactions, unnest(users) u,"
        f" jsonb_array_elements(containers) c WHERE {SCOPE} GROUP BY 1, 2"
        " HAVING SUM(CASE WHEN type = 'return' THEN -1 ELSE 1 END"
        " * (c->>'quantity')::numeric) <> 0", account)
    header, *rows = _rows(wb["周转筐"])
    got_crates = {(r[0], r[1]): D(str(r[2])) for r in rows if r[2] is not None}
    assert got_crates == {(_quoted(w), _quoted(k)): n for w, k, n in crates}

    # 商品: every product's share; the total is the takings
    [(takings,)] = await _sql(
        session, f"SELECT SUM({INCOME}) FROM transactions WHERE {SCOPE}", account)
    header, *rows = _rows(wb["商品"])
    assert header == ("商品", "销售额", "笔数", "数量", "单位")
    [total] = [r for r in rows if r[0] == "合计"]
    assert D(str(total[1])) == takings
    products = {r[0]: r for r in rows if r[1] is not None and r[0] != "合计"}
    assert products["'+cmd"][1:] == (123.45, 1, 3, "盆")
    assert sum(D(str(r[1])) for r in products.values()) == takings


async def test_csv_has_paid_and_category_and_is_neutralised(session: AsyncSession) -> None:
    account = await _account(session)
    entries = await LedgerRepository(session).active(account)
    raw = to_csv(entries)
    assert raw.startswith("\ufeff".encode())
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    header, *rows = list(reader)
    assert header == GUIDE
    for row in rows:
        for value in row:
            if value.startswith(BAD_STARTS):
                float(value)  # only a number may start with - (a negative one)
    by_id = {int(r[0]): dict(zip(GUIDE, r, strict=True)) for r in rows}
    [evil] = [r for r in by_id.values() if r["remark"] == "'-5 元"]
    assert evil["users"] == "'" + EVIL and evil["paid"] == "0" and evil["amount"] == "123.45"
    assert [r["category"] for r in by_id.values() if r["category"].startswith("'")] == ["'=1+2"]
    assert b'"\'=HYPERLINK(""http://x"",""y"")"' in raw  # every field quoted, quotes doubled
