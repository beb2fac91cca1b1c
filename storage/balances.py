"""Open balances per counterparty: the signs of money owed to me (receivable) and money I
owe (payable), whose balances and ageing storage/ageing.py computes, and containers out,
one SQL aggregate over one account's rows.

A balance question with a period counts only that period's entries (GUIDE "Queries");
without one it counts everything up to its end date.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import PAYABLE_SIGN, RECEIVABLE_SIGN, EntryType
from storage.report_sql import Filters, Signs, where

BALANCE_SIGNS: dict[str, Signs] = {"receivable": RECEIVABLE_SIGN, "payable": PAYABLE_SIGN}
# Containers on any entry went out with the counterparty (a buyer takes the crates his goods
# are in); only a return brings them back.
CONTAINERS_BACK = EntryType.RETURN
CRATE_SIGN = f"(CASE WHEN t.type = '{CONTAINERS_BACK.value}' THEN -1 ELSE 1 END)"


def _only_asked(f: Filters) -> str:
    # An entry shared by two counterparties counts once for each; only the asked-about
    # counterparties' shares are wanted.
    return " AND u = ANY(CAST(:users AS varchar[]))" if f.users else ""


async def containers(s: AsyncSession, f: Filters) -> list[tuple[str, str, Decimal, int]]:
    """(who, kind, out, entries) per counterparty and container kind; kinds are never added
    together (20 筐 and 5 桶 are not 25 of anything)."""
    w, params = where(f)
    sql = (
        f"SELECT u, c->>'name', SUM({CRATE_SIGN} * (c->>'quantity')::numeric), COUNT(*)"
        " FROM transactions t, unnest(t.users) u, jsonb_array_elements(t.containers) c"
        f" WHERE {w}{_only_asked(f)} GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return [(u, k, n, c) for u, k, n, c in await s.execute(text(sql), params)]
