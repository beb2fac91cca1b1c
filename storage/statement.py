"""One counterparty's 对账单: the entries that make up what is open with them, what is
owed each way and which containers are still out.

Without a period the statement starts after the last entry that left every balance with
them at zero (money both ways and containers), so it shows exactly the entries still open;
with a period it shows that period's entries and the balance brought forward. Two round
trips: the balances, then the page of entries (the zero point is found inside that query).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import PAYABLE_SIGN, RECEIVABLE_SIGN, EntryType
from storage.balances import CRATE_SIGN
from storage.entries import SavedEntry, from_row
from storage.models import TransactionRow
from storage.report_sql import OWED, Filters, sign_case, type_list, where

# Money lent and returned, as against goods sold on credit and settled (货款 vs 借款).
LOANS = type_list({EntryType.BORROW, EntryType.RETURN})
OWED_ME = f"COALESCE({sign_case(RECEIVABLE_SIGN)} * {OWED}, 0)"
I_OWE = f"COALESCE({sign_case(PAYABLE_SIGN)} * {OWED}, 0)"
CRATES = (
    f"({CRATE_SIGN} * (SELECT COALESCE(SUM((c->>'quantity')::numeric), 0)"
    " FROM jsonb_array_elements(t.containers) c))"
)
COLUMNS = tuple(TransactionRow.__table__.columns.keys())


class Statement(BaseModel):
    """Balances are as of `end` over all time; `opening_*` is what was open before the first
    entry shown (zero unless a period was asked), so opening + entries = closing."""

    counterparty: str
    since: dt.date | None = None
    end: dt.date | None = None
    goods_owed: Decimal = Decimal(0)  # credit − settle: they owe me for goods
    loans_owed: Decimal = Decimal(0)  # money lent − returned
    i_owe: Decimal = Decimal(0)  # payable − payoff
    opening_owed_me: Decimal = Decimal(0)
    opening_i_owe: Decimal = Decimal(0)
    crates: list[tuple[str, Decimal]] = Field(default_factory=list)
    count: int = 0
    entries: list[SavedEntry] = Field(default_factory=list)  # the latest ones, oldest first


class Page(BaseModel):
    count: int = 0
    first: dt.date | None = None
    entries: list[SavedEntry] = Field(default_factory=list)


async def build(s: AsyncSession, f: Filters, limit: int) -> Statement:
    who = f.users[0]
    w, params = where(Filters(account_id=f.account_id, end=f.end, users=[who]))
    params["start"] = f.start
    figures = await _balances(s, w, params)
    if f.start is not None:
        source = f"SELECT t.* FROM transactions t WHERE {w} AND t.transaction_date >= :start"
    else:
        source = _after_last_zero(w)
    page = await latest(s, source, params, limit)
    return Statement(
        counterparty=who, since=f.start or page.first, end=f.end, count=page.count,
        entries=page.entries, **figures,
    )


async def _balances(s: AsyncSession, w: str, params: dict[str, Any]) -> dict[str, Any]:
    """Both money directions (goods and loans apart), what was open before the period, and
    the containers out per kind, in one row."""
    before = "t.transaction_date < CAST(:start AS date)"
    crates = (
        "SELECT COALESCE(jsonb_agg(jsonb_build_array(kind, n::text) ORDER BY kind), '[]')"
        f" FROM (SELECT c->>'name' AS kind, SUM({CRATE_SIGN} * (c->>'quantity')::numeric) AS n"
        f" FROM transactions t, jsonb_array_elements(t.containers) c WHERE {w}"
        f" GROUP BY 1 HAVING SUM({CRATE_SIGN} * (c->>'quantity')::numeric) <> 0) k"
    )
    sql = (
        f"SELECT COALESCE(SUM({OWED_ME}) FILTER (WHERE t.type NOT IN {LOANS}), 0),"
        f" COALESCE(SUM({OWED_ME}) FILTER (WHERE t.type IN {LOANS}), 0),"
        f" COALESCE(SUM({I_OWE}), 0), COALESCE(SUM({OWED_ME}) FILTER (WHERE {before}), 0),"
        f" COALESCE(SUM({I_OWE}) FILTER (WHERE {before}), 0), ({crates})"
        f" FROM transactions t WHERE {w}"
    )
    goods, loans, mine, open_me, open_mine, kinds = (await s.execute(text(sql), params)).one()
    return {
        "goods_owed": goods, "loans_owed": loans, "i_owe": mine,
        "opening_owed_me": open_me, "opening_i_owe": open_mine,
        "crates": [(k, Decimal(n)) for k, n in kinds],
    }


def _after_last_zero(w: str) -> str:
    """The rows after the last one that left everything square (all rows if none did)."""
    running = (
        f"SELECT t.transaction_date AS d, t.id, SUM({OWED_ME}) OVER w AS me,"
        f" SUM({I_OWE}) OVER w AS mine, SUM({CRATES}) OVER w AS k FROM transactions t"
        f" WHERE {w} WINDOW w AS (ORDER BY t.transaction_date, t.id)"
    )
    cut = (
        f"SELECT d, id FROM ({running}) x WHERE me = 0 AND mine = 0 AND k = 0"
        " UNION ALL SELECT DATE '-infinity', 0 ORDER BY 1 DESC, 2 DESC LIMIT 1"
    )
    return (
        f"WITH cut AS ({cut}) SELECT t.* FROM transactions t, cut WHERE {w}"
        " AND (t.transaction_date, t.id) > (cut.d, cut.id)"
    )


async def latest(s: AsyncSession, source: str, params: dict[str, Any], limit: int) -> Page:
    """How many rows `source` has, its first day, and its newest `limit` rows oldest first
    (as a book reads), in one round trip."""
    sql = (
        "SELECT r.*, COUNT(*) OVER () AS n_rows, MIN(r.transaction_date) OVER () AS first_day"
        f" FROM ({source}) r ORDER BY r.transaction_date DESC, r.id DESC LIMIT {int(limit)}"
    )
    rows = (await s.execute(text(sql), params)).mappings().all()
    if not rows:
        return Page()
    entries = [from_row(TransactionRow(**{c: r[c] for c in COLUMNS})) for r in rows]
    return Page(count=rows[0]["n_rows"], first=rows[0]["first_day"], entries=entries[::-1])
