"""Answers to questions about the books, computed by SQL aggregates (never from chat memory).

Every metric has its version-2 meaning (../shared/eval/GUIDE.md "Queries"); which types
count, and which way, comes from ledger's *_SIGN maps. Balances live in storage/balances.py,
the 对账单 in storage/statement.py; this module holds the money totals and the dispatch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import EXPENSE_SIGN, INCOME_SIGN, PAID_TYPES, EntryType
from storage import ageing, balances, by_day, figures, statement
from storage.ageing import Aged
from storage.entries import SavedEntry
from storage.figures import BookFigures
from storage.report_sql import OWED, Filters, Signs, share_lines, sign_case, type_list, where
from storage.statement import Statement

LOSS_SIGN: Signs = {EntryType.LOSS: 1}  # a loss moves no money: it is only valued
MONEY_SIGNS: dict[str, Signs] = {
    "income": INCOME_SIGN,
    "expense": EXPENSE_SIGN,
    "loss": LOSS_SIGN,
    "top_products": INCOME_SIGN,
    "top_customers": INCOME_SIGN,
    # Net is takings less spending: the two maps share no type.
    "net": {**INCOME_SIGN, **{t: -s for t, s in EXPENSE_SIGN.items()}},
}

__all__ = ["Aged", "BookFigures", "Filters", "ReportRepository", "Statement", "Summary"]


class Summary(BaseModel):
    """One answer. `lines` break `total` down (by product, counterparty or balance) and may
    stop short of it (the rest is 其他); `parts` split the total by how it was paid and add
    up to it exactly; `unvalued` counts losses saved without a value."""

    metric: str
    total: Decimal = Decimal(0)
    count: int = 0
    lines: list[tuple[str, Decimal]] = Field(default_factory=list)
    parts: list[tuple[str, Decimal]] = Field(default_factory=list)
    entries: list[SavedEntry] = Field(default_factory=list)
    unvalued: int = 0
    statement: Statement | None = None
    ageing: list[Aged] = Field(default_factory=list)  # receivable/payable: how old, per who


Handler = Callable[[str, Filters, int], Awaitable[Summary]]


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def summarise(self, metric: str, f: Filters, *, limit: int = 10) -> Summary:
        handlers: dict[str, Handler] = {
            "income": self._money,
            "expense": self._money,
            "loss": self._money,
            "top_products": self._ranking,
            "top_customers": self._ranking,
            "net": self._net,
            "receivable": self._balance,
            "payable": self._balance,
            "containers": self._containers,
            "count": self._count,
            "list": self._list,
            "statement": self._statement,
        }
        return await handlers[metric](metric, f, limit)

    async def _money(self, metric: str, f: Filters, limit: int) -> Summary:
        signs = MONEY_SIGNS[metric]
        summary = await self._totals(metric, signs, f)
        by = "who" if f.product else "product"
        summary.lines = await self._shares(signs, f, by=by, limit=limit)
        return summary

    async def _ranking(self, metric: str, f: Filters, limit: int) -> Summary:
        signs = MONEY_SIGNS[metric]
        summary = await self._totals(metric, signs, f)
        by = "product" if metric == "top_products" else "who"
        # A ranking lists what sold: a product only refunded is not "selling best".
        lines = await self._shares(signs, f, by=by, limit=limit)
        summary.lines = [x for x in lines if x[1] > 0]
        return summary

    async def _totals(self, metric: str, signs: Signs, f: Filters) -> Summary:
        """Signed sum, entries, entries without an amount and, without a product asked
        about, how the sum was paid (one query). With a product, the sum is that product's
        shares of its entries."""
        w, params = where(f, signs)
        if f.product:
            sql = (
                "SELECT COALESCE(SUM(share), 0), COUNT(DISTINCT id)"
                f" FROM ({share_lines(signs, w)}) s WHERE product = :product"
            )
            total, count = (await self._s.execute(text(sql), params)).one()
            return Summary(metric=metric, total=total, count=count)
        s = sign_case(signs)
        sql = (
            f"SELECT COALESCE(SUM({s} * t.amount), 0), COUNT(*),"
            " COUNT(*) FILTER (WHERE t.amount IS NULL),"
            f" COALESCE(SUM(t.amount) FILTER (WHERE {s} > 0), 0),"
            f" COALESCE(SUM({OWED}) FILTER (WHERE {s} > 0 AND t.type IN {type_list(PAID_TYPES)}),"
            f" 0) FROM transactions t WHERE {w}"
        )
        total, count, unvalued, gross, owed = (await self._s.execute(text(sql), params)).one()
        # Parts add up to the total: money in hand, still owed on credit/payable rows, and
        # money given back (refunds, negative).
        parts = [("paid", gross - owed), ("owed", owed), ("back", total - gross)]
        return Summary(metric=metric, total=total, count=count, unvalued=unvalued, parts=parts)

    async def _shares(
        self, signs: Signs, f: Filters, *, by: str, limit: int
    ) -> list[tuple[str, Decimal]]:
        """The largest groups of product-line shares, by product or by counterparty."""
        w, params = where(f, signs)
        if by == "who" and not f.product:
            # A customer bought the whole entry, priced lines or not.
            source = (
                f"SELECT array_to_string(t.users, '、') AS who, {sign_case(signs)} * t.amount"
                f" AS share FROM transactions t WHERE {w}"
            )
        else:
            only = " AND product = :product" if f.product else ""
            source = f"SELECT * FROM ({share_lines(signs, w)}) l WHERE true{only}"
        sql = (
            f"SELECT {by}, SUM(share) FROM ({source}) s WHERE {by} <> ''"
            f" GROUP BY 1 HAVING SUM(share) <> 0 ORDER BY 2 DESC, 1 LIMIT {int(limit)}"
        )
        return [(k, v) for k, v in await self._s.execute(text(sql), params)]

    async def _net(self, metric: str, f: Filters, limit: int) -> Summary:
        income = await self._totals(metric, INCOME_SIGN, f)
        expense = await self._totals(metric, EXPENSE_SIGN, f)
        return Summary(
            metric=metric,
            total=income.total - expense.total,
            count=income.count + expense.count,
            parts=[("income", income.total), ("expense", expense.total)],
        )

    async def _balance(self, metric: str, f: Filters, limit: int) -> Summary:
        # The ageing query gives the balances too, in the same one round trip.
        rows = await ageing.aged(self._s, metric, f, f.end)
        summary = _balances_summary(metric, [(a.who, a.balance, a.count) for a in rows], limit)
        summary.ageing = rows
        return summary

    async def by_day(
        self, metric: str, f: Filters, step: by_day.Step = "day"
    ) -> list[tuple[dt.date, Decimal]]:
        """A money metric (income, expense, net, loss) per day or month of the period."""
        return await by_day.money_by(self._s, MONEY_SIGNS[metric], f, step)

    async def book_figures(self, f: Filters, as_of: dt.date) -> BookFigures:
        return await figures.read(self._s, f, as_of)

    async def _containers(self, metric: str, f: Filters, limit: int) -> Summary:
        rows = await balances.containers(self._s, f)
        keyed = [(f"{who}·{kind}", n, c) for who, kind, n, c in rows]
        return _balances_summary(metric, keyed, limit)

    async def _count(self, metric: str, f: Filters, limit: int) -> Summary:
        count = await self._entry_count(f)
        return Summary(metric=metric, total=Decimal(count), count=count)

    async def _entry_count(self, f: Filters) -> int:
        w, params = where(f)
        sql = f"SELECT COUNT(*) FROM transactions t WHERE {w}"
        return int((await self._s.execute(text(sql), params)).scalar_one())

    async def _list(self, metric: str, f: Filters, limit: int) -> Summary:
        w, params = where(f)
        page = await statement.latest(self._s, f"SELECT t.* FROM transactions t WHERE {w}",
                                      params, limit)
        return Summary(
            metric=metric, total=Decimal(page.count), count=page.count, entries=page.entries
        )

    async def _statement(self, metric: str, f: Filters, limit: int) -> Summary:
        if len(f.users) != 1:
            return Summary(metric=metric)  # a 对账单 is with one counterparty
        st = await statement.build(self._s, f, limit)
        return Summary(metric=metric, count=st.count, entries=st.entries, statement=st)


def _balances_summary(metric: str, rows: list[tuple[str, Decimal, int]], limit: int) -> Summary:
    """Rows of (who, balance, entries): the open balances, largest first."""
    lines = sorted(((k, v) for k, v, _ in rows if v), key=lambda x: -x[1])
    return Summary(
        metric=metric,
        total=sum((v for _, v in lines), Decimal(0)),
        count=sum(c for _, _, c in rows),
        lines=lines[:limit],
    )

