"""SQL fragments the reports share: the account/period filter, signs built from ledger's
*_SIGN maps, and each product line's share of its entry's money.

Every fragment reads the table as `t`. Type names come from `ledger.EntryType` values only,
so what counts where is decided once, in ledger/vocabulary.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, Field

from ledger import PAID_TYPES, EntryType

Signs = Mapping[EntryType, int]


class Filters(BaseModel):
    account_id: int
    start: dt.date | None = None
    end: dt.date | None = None
    users: list[str] = Field(default_factory=list)
    product: str | None = None


def type_list(types: Iterable[EntryType]) -> str:
    """The types as a SQL list of their literals, sorted."""
    return "(" + ", ".join(f"'{t.value}'" for t in sorted(types)) + ")"


def sign_case(signs: Signs) -> str:
    """+1/−1/0 for a row's type under one of ledger's sign maps."""
    arms = " ".join(f"WHEN '{t.value}' THEN {s}" for t, s in sorted(signs.items()))
    return f"(CASE t.type {arms} ELSE 0 END)"


# What is still owed on a credit/payable row (amount less what was paid at the time); the
# whole amount on every other row. A NULL paid is a version-1 credit: nothing was paid.
OWED = (
    f"(CASE WHEN t.type IN {type_list(PAID_TYPES)} THEN t.amount - COALESCE(t.paid, 0)"
    " ELSE t.amount END)"
)


def where(f: Filters, signs: Signs | None = None) -> tuple[str, dict[str, Any]]:
    """One account's active rows in the period, of the sign map's types when given, touching
    the asked-about counterparties and product."""
    parts = ["t.account_id = :account_id", "t.status = 'active'"]
    params: dict[str, Any] = {"account_id": f.account_id}
    if f.start is not None:
        parts.append("t.transaction_date >= :start")
        params["start"] = f.start
    if f.end is not None:
        parts.append("t.transaction_date <= :end")
        params["end"] = f.end
    if signs is not None:
        parts.append(f"t.type IN {type_list(signs)}")
    if f.users:
        parts.append("t.users && CAST(:users AS varchar[])")
        params["users"] = list(f.users)
    if f.product:
        parts.append("t.products @> CAST(:product_json AS jsonb)")
        params["product_json"] = json.dumps([{"name": f.product}], ensure_ascii=False)
        params["product"] = f.product
    return " AND ".join(parts), params


def share_lines(signs: Signs, where_sql: str) -> str:
    """A query of (id, who, product, share): every product line's signed share of its
    entry's amount, one line with product NULL for an entry without products.

    Shares split the amount charged, not quantity x price: after 抹零 the lines still add up
    to what was charged, so a breakdown never exceeds its total. Lines are weighted by
    quantity x price and rounded by the running-sum trick (each share is the rounded running
    total less the previous one), which makes an entry's shares add up to the cent. When some
    lines have no price, the priced ones get at most their own value and the rest of the
    amount is left to the caller's 其他.
    """
    return f"""
WITH e AS (
  SELECT t.id, {sign_case(signs)} AS sign, t.amount, t.products,
         array_to_string(t.users, '、') AS who
  FROM transactions t
  WHERE {where_sql} AND t.amount IS NOT NULL
), lines AS (  -- w0: a line's weight, quantity x price (NULL when either is unknown)
  SELECT e.*, j.value->>'name' AS product, j.ord, jsonb_array_length(e.products) AS n,
         (j.value->>'quantity')::numeric * (j.value->>'unit_price')::numeric AS w0
  FROM e LEFT JOIN LATERAL jsonb_array_elements(e.products) WITH ORDINALITY j(value, ord)
    ON true
), l AS (  -- per entry: how many lines are priced, their total weight, the running weight
  SELECT lines.*, COUNT(w0) OVER (PARTITION BY id) AS n_priced,
         SUM(w0) OVER (PARTITION BY id) AS sw,
         COALESCE(SUM(w0) OVER (PARTITION BY id ORDER BY ord), 0) AS cw
  FROM lines
), f AS (  -- k: money per unit of weight (capped at 1 when some lines are unpriced)
  SELECT l.*, CASE WHEN n_priced = n THEN amount / NULLIF(sw, 0)
                   ELSE LEAST(1, amount / NULLIF(sw, 0)) END AS k
  FROM l
)
SELECT id, who, product,
       sign * CASE WHEN n <= 1 THEN amount
                   ELSE COALESCE(round(k * cw, 2) - round(k * (cw - COALESCE(w0, 0)), 2), 0)
              END AS share
FROM f"""
