"""One counterparty's 对账单: the entries that make up what is open with them, what is
owed each way and which containers are still out.

Without a period the statement starts after the last entry that left every balance with
them at zero (money both ways and containers), so it shows exactly the entries still open;
with a period it shows that period's entries and the balance brought forward.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import PAYABLE_SIGN, RECEIVABLE_SIGN, EntryType
from storage import balances
from storage.entries import SavedEntry, from_row
from storage.models import TransactionRow
from storage.report_sql import OWED, Filters, sign_case, type_list, where

# Money lent and returned, as against goods sold on credit and settled (货款 vs 借款).
LOAN_TYPES = frozenset({EntryType.BORROW, EntryType.RETURN})
OWED_ME = f"COALESCE({sign_case(RECEIVABLE_SIGN)} * {OWED}, 0)"
I_OWE = f"COALESCE({sign_case(PAYABLE_SIGN)} * {OWED}, 0)"
CRATES = (
    f"({balances.CRATE_SIGN} * (SELECT COALESCE(SUM((c->>'quantity')::numeric), 0)"
    " FROM jsonb_array_elements(t.containers) c))"
)


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


async def build(s: AsyncSession, f: Filters, limit: int) -> Statement:
    who = f.users[0]
    upto = Filters(account_id=f.account_id, end=f.end, users=[who])
    goods, loans, mine, open_me, open_mine = await _money(s, upto, f.start)
    crates = [(k, n) for _, k, n, _ in await balances.containers(s, upto) if n]
    w, params = where(upto)
    if f.start is not None:
        w += " AND t.transaction_date >= :start"
        params["start"] = f.start
    else:
        w, params = await _after_last_zero(s, w, params)
    count, first = (
        await s.execute(text(f"SELECT COUNT(*), MIN(t.transaction_date) FROM transactions t"
                             f" WHERE {w}"), params)
    ).one()
    return Statement(
        counterparty=who, since=f.start or first, end=f.end, goods_owed=goods,
        loans_owed=loans, i_owe=mine, opening_owed_me=open_me, opening_i_owe=open_mine,
        crates=crates, count=count, entries=await latest_entries(s, w, params, limit),
    )


async def _money(
    s: AsyncSession, f: Filters, start: dt.date | None
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    w, params = where(f)
    before = "t.transaction_date < :start" if start else "false"
    if start:
        params["start"] = start
    sql = (
        f"SELECT COALESCE(SUM({OWED_ME}) FILTER (WHERE t.type NOT IN {type_list(LOAN_TYPES)}), 0),"
        f" COALESCE(SUM({OWED_ME}) FILTER (WHERE t.type IN {type_list(LOAN_TYPES)}), 0),"
        f" COALESCE(SUM({I_OWE}), 0), COALESCE(SUM({OWED_ME}) FILTER (WHERE {before}), 0),"
        f" COALESCE(SUM({I_OWE}) FILTER (WHERE {before}), 0)"
        f" FROM transactions t WHERE {w}"
    )
    goods, loans, mine, open_me, open_mine = (await s.execute(text(sql), params)).one()
    return goods, loans, mine, open_me, open_mine


async def _after_last_zero(
    s: AsyncSession, w: str, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The filter narrowed to the entries after the last one that left everything square."""
    sql = (
        "SELECT d, id FROM (SELECT t.transaction_date AS d, t.id,"
        f" SUM({OWED_ME}) OVER w AS me, SUM({I_OWE}) OVER w AS mine, SUM({CRATES}) OVER w AS k"
        f" FROM transactions t WHERE {w} WINDOW w AS (ORDER BY t.transaction_date, t.id)) x"
        " WHERE me = 0 AND mine = 0 AND k = 0 ORDER BY d DESC, id DESC LIMIT 1"
    )
    cut = (await s.execute(text(sql), params)).one_or_none()
    if cut is None:
        return w, params
    w += " AND (t.transaction_date, t.id) > (:cut_date, :cut_id)"
    return w, {**params, "cut_date": cut[0], "cut_id": cut[1]}


async def latest_entries(
    s: AsyncSession, w: str, params: dict[str, Any], limit: int
) -> list[SavedEntry]:
    """The newest `limit` rows matching the filter, oldest first (as a book reads)."""
    sql = (
        f"SELECT t.* FROM transactions t WHERE {w}"
        f" ORDER BY t.transaction_date DESC, t.id DESC LIMIT {int(limit)}"
    )
    rows = (await s.execute(select(TransactionRow).from_statement(text(sql)), params)).scalars()
    return [from_row(r) for r in reversed(list(rows))]
