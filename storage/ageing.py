"""How old the open money is, per counterparty: receivable (they owe me) or payable (I owe).

The rule, the usual one for a debtor's account: every payment (settle, return of money,
payoff) pays off the oldest unpaid debt first (credit less what was paid at the time, or
money lent), whenever the payment was made. What is left of each debt is aged by its own
date up to `as_of`, in the buckets 0–30, 31–60, 61–90 and over 90 days. So the buckets
of a counterparty add up to the balance whenever the balance is positive; someone who paid
ahead (balance ≤ 0) has nothing to age.

One query over one account's rows, read once, as storage/balances.py does: a debt's share
still open is `greatest(0, c − greatest(c − v, p))` with `c` the running total of debts
(oldest first, `v` this debt) and `p` everything paid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.balances import BALANCE_SIGNS
from storage.report_sql import OWED, Filters, sign_case, where

# (label, first day, last day); the last bucket is open-ended.
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0–30 天", 0, 30),
    ("31–60 天", 31, 60),
    ("61–90 天", 61, 90),
    ("90 天以上", 91, None),
)


class Aged(BaseModel):
    """One counterparty's balance and the part of it in each of BUCKETS."""

    who: str
    balance: Decimal
    count: int
    buckets: tuple[Decimal, Decimal, Decimal, Decimal]
    oldest: dt.date | None = None  # the day of the oldest debt not yet paid off


def _bucket_sums() -> str:
    arms = []
    for i, (_, low, high) in enumerate(BUCKETS):
        # A debt dated after `as_of` (no end asked) counts as new, not as no age at all.
        parts = [f"age >= {low}"] if i else []
        parts += [f"age <= {high}"] if high is not None else []
        cond = " AND ".join(parts)
        arms.append(f"SUM(open) FILTER (WHERE {cond}) AS b{i}")
    return ", ".join(arms)


def ageing_sql(metric: str, f: Filters) -> tuple[str, dict[str, object]]:
    signs = BALANCE_SIGNS[metric]
    w, params = where(f, signs)
    only = " AND u = ANY(CAST(:users AS varchar[]))" if f.users else ""
    sql = f"""
WITH m AS MATERIALIZED (  -- signed money per counterparty row: + a debt, − a payment
  SELECT u AS who, t.transaction_date AS d, t.id, {sign_case(signs)} * {OWED} AS v
  FROM transactions t, unnest(t.users) u
  WHERE {w} AND t.amount IS NOT NULL{only}
), per AS (
  SELECT who, SUM(v) AS balance, COUNT(*) AS n,
         COALESCE(SUM(-v) FILTER (WHERE v < 0), 0) AS p
  FROM m GROUP BY who
), debts AS (  -- c: debts so far, oldest first
  SELECT who, d, v, SUM(v) OVER (PARTITION BY who ORDER BY d, id) AS c
  FROM m WHERE v > 0
), open AS (
  SELECT debts.who, debts.d, COALESCE(CAST(:as_of AS date), CURRENT_DATE) - debts.d AS age,
         GREATEST(0, debts.c - GREATEST(debts.c - debts.v, per.p)) AS open
  FROM debts JOIN per USING (who)
), aged AS (
  SELECT who, {_bucket_sums()}, MIN(d) FILTER (WHERE open > 0) AS oldest
  FROM open GROUP BY who
)
SELECT per.who, per.balance, per.n, aged.b0, aged.b1, aged.b2, aged.b3, aged.oldest
FROM per LEFT JOIN aged USING (who)
ORDER BY per.balance DESC, per.who"""
    return sql, params


async def aged(
    s: AsyncSession, metric: str, f: Filters, as_of: dt.date | None = None
) -> list[Aged]:
    """Every counterparty with rows in scope, the largest balance first; ages count up to
    `as_of` (the database's today when None)."""
    sql, params = ageing_sql(metric, f)
    rows = (await s.execute(text(sql), {**params, "as_of": as_of})).all()
    zero = Decimal(0)
    out = []
    for who, balance, n, b0, b1, b2, b3, oldest in rows:
        buckets = (b0 or zero, b1 or zero, b2 or zero, b3 or zero)
        out.append(Aged(who=who, balance=balance, count=n, buckets=buckets, oldest=oldest))
    return out
