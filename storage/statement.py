"""One counterparty's 对账单: the entries that make up what is open with them, what is
owed each way and which containers are still out.

Without a period the statement starts after the last entry that left the money with them
square both ways, so it lists exactly the entries behind what is owed now (containers are
given as a count: a regular buyer's crates are rarely all back at once, and waiting for
that would list years of entries); with a period it lists that period's entries and the
balance brought forward.
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
    rows = (await s.execute(text(_sql(w, f.start is not None, limit)), params)).mappings().all()
    b = rows[0]  # the balances row comes once per page row, and once when there is none
    shown = sorted(
        (r for r in rows if r["id"] is not None), key=lambda r: (r["transaction_date"], r["id"])
    )
    return Statement(
        counterparty=who, since=f.start or b["b_first"], end=f.end, count=b["b_count"],
        goods_owed=b["b_goods"], loans_owed=b["b_loans"], i_owe=b["b_mine"],
        opening_owed_me=b["b_open_me"], opening_i_owe=b["b_open_mine"],
        crates=[(k, Decimal(n)) for k, n in b["b_crates"]],
        entries=[from_row(TransactionRow(**{c: r[c] for c in COLUMNS})) for r in shown],
    )


def _sql(w: str, period: bool, limit: int) -> str:
    """One round trip over one read of the counterparty's rows (`mine`, narrow): running
    balances find the last zero (`cut`), `shown` is what the statement lists, `bal` the
    figures; only the listed entries are read whole (`page`)."""
    shown = (
        "m.transaction_date >= :start" if period
        else "(m.transaction_date, m.id) > (SELECT d, id FROM cut)"
    )
    before = "transaction_date < CAST(:start AS date)"
    crates = (
        "SELECT COALESCE(jsonb_agg(jsonb_build_array(kind, n::text) ORDER BY kind), '[]')"
        f" FROM (SELECT c->>'name' AS kind, SUM({CRATE_SIGN} * (c->>'quantity')::numeric) AS n"
        " FROM mine t, jsonb_array_elements(t.containers) c"
        f" GROUP BY 1 HAVING SUM({CRATE_SIGN} * (c->>'quantity')::numeric) <> 0) x"
    )
    return f"""
WITH mine AS MATERIALIZED (
  SELECT t.id, t.transaction_date, t.type, t.containers, {OWED_ME} AS me_d,
         t.type IN {LOANS} AS loan, {I_OWE} AS mine_d
  FROM transactions t WHERE {w}
), run AS (
  SELECT transaction_date AS d, id, SUM(me_d) OVER w AS me, SUM(mine_d) OVER w AS mi
  FROM mine WINDOW w AS (ORDER BY transaction_date, id)
), cut AS (
  SELECT d, id FROM run WHERE me = 0 AND mi = 0
  UNION ALL SELECT DATE '-infinity', 0 ORDER BY 1 DESC, 2 DESC LIMIT 1
), shown AS (
  SELECT m.* FROM mine m WHERE {shown}
), bal AS (
  SELECT COALESCE(SUM(me_d) FILTER (WHERE NOT loan), 0) AS b_goods,
         COALESCE(SUM(me_d) FILTER (WHERE loan), 0) AS b_loans,
         COALESCE(SUM(mine_d), 0) AS b_mine,
         COALESCE(SUM(me_d) FILTER (WHERE {before}), 0) AS b_open_me,
         COALESCE(SUM(mine_d) FILTER (WHERE {before}), 0) AS b_open_mine,
         (SELECT COUNT(*) FROM shown) AS b_count,
         (SELECT MIN(transaction_date) FROM shown) AS b_first,
         ({crates}) AS b_crates
  FROM mine
), page AS (  -- whole rows only for the entries listed
  SELECT t.* FROM transactions t JOIN (
    SELECT id FROM shown ORDER BY transaction_date DESC, id DESC LIMIT {int(limit)}
  ) p USING (id)
)
SELECT bal.*, page.* FROM bal LEFT JOIN page ON true"""


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
