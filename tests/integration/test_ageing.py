"""Ageing of receivables and payables against SQL written here from the rule (payments pay
off the oldest debts first; what is left of each debt is aged by its own date), on
generated books and on a small book worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Entry, EntryType
from storage.ageing import Aged, aged
from storage.reports import Filters, ReportRepository
from tests.integration import books

pytestmark = pytest.mark.integration
D = Decimal
TODAY = books.TODAY

# + a debt, − a payment, straight from the GUIDE's definitions.
SIGNED = {
    "receivable": "CASE type WHEN 'credit' THEN amount - COALESCE(paid, 0)"
    " WHEN 'borrow' THEN amount WHEN 'settle' THEN -amount WHEN 'return' THEN -amount END",
    "payable": "CASE type WHEN 'payable' THEN amount - COALESCE(paid, 0)"
    " WHEN 'payoff' THEN -amount END",
}
# The running total of debts is a correlated sum here (storage uses a window), and a debt's
# open part is clamp(running − paid, 0, debt) (storage: running − max(before, paid)).
EXPECTED = """
WITH r AS (
  SELECT u AS who, transaction_date AS d, id, ({signed}) AS v
  FROM transactions, unnest(users) u
  WHERE account_id = :a AND status = 'active' AND transaction_date <= :e
    AND ({signed}) IS NOT NULL
), paid AS (
  SELECT who, SUM(CASE WHEN v < 0 THEN -v ELSE 0 END) AS p FROM r GROUP BY who
), left_over AS (
  SELECT x.who, :e - x.d AS age,
         LEAST(x.v, GREATEST(0, (SELECT SUM(y.v) FROM r y WHERE y.who = x.who AND y.v > 0
                                 AND (y.d < x.d OR (y.d = x.d AND y.id <= x.id)))
                              - paid.p)) AS open
  FROM r x JOIN paid ON paid.who = x.who WHERE x.v > 0
)
SELECT who, CASE WHEN age <= 30 THEN 0 WHEN age <= 60 THEN 1 WHEN age <= 90 THEN 2 ELSE 3 END,
       SUM(open)
FROM left_over GROUP BY 1, 2 HAVING SUM(open) > 0
"""


async def _expected(s: AsyncSession, metric: str, account: int, end: dt.date) -> dict[Any, D]:
    sql = EXPECTED.format(signed=SIGNED[metric])
    rows = await s.execute(text(sql), {"a": account, "e": end})
    return {(who, bucket): v for who, bucket, v in rows}


def _got(rows: list[Aged]) -> dict[Any, D]:
    return {(a.who, i): v for a in rows for i, v in enumerate(a.buckets) if v}


@pytest.mark.parametrize("seed", [3, 4, 5])
@pytest.mark.parametrize("metric", ["receivable", "payable"])
async def test_ageing_matches_independent_sql(
    session: AsyncSession, seed: int, metric: str
) -> None:
    # Over a longer span than the default books, so that every bucket fills.
    books.FIRST, first = dt.date(2026, 5, 1), books.FIRST
    try:
        account = await books.generated(session, seed)
    finally:
        books.FIRST = first
    for end in (TODAY, dt.date(2026, 9, 30)):
        f = Filters(account_id=account, end=end)
        got = await aged(session, metric, f, end)
        assert _got(got) == await _expected(session, metric, account, end)
        for a in got:  # the buckets are the balance, split by age, when something is open
            assert sum(a.buckets) == max(a.balance, D(0)), a
        # and the balances are the reports' own
        summary = await ReportRepository(session).summarise(metric, f, limit=100)
        assert summary.lines == sorted(
            ((a.who, a.balance) for a in got if a.balance), key=lambda x: -x[1]
        )
    # The books reach back seven months: old debts are there to be aged, not only new ones.
    f = Filters(account_id=account, end=TODAY)
    assert len({i for (_, i) in _got(await aged(session, metric, f, TODAY))}) >= 2


def _on(
    days_ago: int, kind: EntryType, amount: str, paid: str | None = None, who: str = "老李"
) -> Entry:
    return Entry(type=kind, users=(who,), amount=D(amount),
                 paid=D(paid) if paid is not None else None,
                 date=TODAY - dt.timedelta(days=days_ago))


async def test_payments_go_to_the_oldest_debt_first(session: AsyncSession) -> None:
    account = await books.save(session, [
        _on(100, EntryType.CREDIT, "1000", "0"),
        _on(45, EntryType.CREDIT, "800", "300"),  # 500 still owed on it
        _on(10, EntryType.SETTLE, "1200"),  # pays the 1000, then 200 of the 500
        _on(5, EntryType.BORROW, "50"),
        _on(70, EntryType.PAYABLE, "400", "0"),
        _on(2, EntryType.PAYOFF, "100"),
        _on(91, EntryType.CREDIT, "70", "0", who="老王"),  # day 91: over 90
        _on(30, EntryType.CREDIT, "20", "0", who="老王"),  # day 30: still 0–30
        _on(1, EntryType.SETTLE, "100", who="张姐"),  # paid ahead: nothing to age
    ])
    f = Filters(account_id=account, end=TODAY)
    owed, wang, zhang = await aged(session, "receivable", f, TODAY)
    assert (wang.who, wang.balance, wang.buckets) == ("老王", D(90), (D(20), D(0), D(0), D(70)))
    assert (zhang.balance, zhang.buckets, zhang.oldest) == (D(-100), (D(0),) * 4, None)
    assert (owed.balance, owed.buckets) == (D(350), (D(50), D(300), D(0), D(0)))
    assert owed.oldest == TODAY - dt.timedelta(days=45)
    [mine] = await aged(session, "payable", f, TODAY)
    assert (mine.balance, mine.buckets) == (D(300), (D(0), D(0), D(300), D(0)))
