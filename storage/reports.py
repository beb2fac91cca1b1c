"""Answers to questions about the books, computed by SQL aggregates (never from chat memory)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.entries import SavedEntry, from_row
from storage.models import TransactionRow

SALES = ("income", "credit")
# Money a line of goods brought: its own quantity x price, else the entry's amount when
# the entry holds just that one product.
LINE_MONEY = (
    "COALESCE((p->>'quantity')::numeric * (p->>'unit_price')::numeric,"
    " CASE WHEN jsonb_array_length(t.products) = 1 THEN t.amount END, 0)"
)


class Filters(BaseModel):
    account_id: int
    start: dt.date | None = None
    end: dt.date | None = None
    users: list[str] = Field(default_factory=list)
    product: str | None = None


class Summary(BaseModel):
    metric: str
    total: Decimal = Decimal(0)
    count: int = 0
    lines: list[tuple[str, Decimal]] = Field(default_factory=list)
    entries: list[SavedEntry] = Field(default_factory=list)


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def summarise(self, metric: str, f: Filters, *, limit: int = 10) -> Summary:
        handler = {
            "income": self._money,
            "expense": self._money,
            "net": self._net,
            "receivable": self._receivable,
            "containers": self._containers,
            "count": self._count,
            "list": self._list,
        }[metric]
        return await handler(metric, f, limit)

    async def _money(self, metric: str, f: Filters, limit: int) -> Summary:
        types = SALES if metric == "income" else ("expense",)
        where, params = _where(f, types)
        if f.product:
            sql = (
                f"SELECT COALESCE(SUM({LINE_MONEY}), 0), COUNT(DISTINCT t.id) FROM transactions t,"
                f" jsonb_array_elements(t.products) p WHERE {where} AND p->>'name' = :product"
            )
        else:
            sql = f"SELECT COALESCE(SUM(t.amount), 0), COUNT(*) FROM transactions t WHERE {where}"
        total, count = (await self._s.execute(text(sql), params)).one()
        lines = await self._top_lines(where, params, by_product=not f.product, limit=5)
        return Summary(metric=metric, total=total, count=count, lines=lines)

    async def _top_lines(
        self, where: str, params: dict[str, Any], *, by_product: bool, limit: int
    ) -> list[tuple[str, Decimal]]:
        if by_product:
            sql = (
                f"SELECT p->>'name', SUM({LINE_MONEY}) FROM transactions t,"
                f" jsonb_array_elements(t.products) p WHERE {where} GROUP BY 1"
            )
        else:
            sql = (
                "SELECT u, SUM(t.amount) FROM transactions t, unnest(t.users) u"
                f" WHERE {where} GROUP BY 1"
            )
        rows = await self._s.execute(
            text(f"{sql} ORDER BY 2 DESC NULLS LAST LIMIT {limit}"), params
        )
        return [(name, value or Decimal(0)) for name, value in rows]

    async def _net(self, metric: str, f: Filters, limit: int) -> Summary:
        income = await self._money("income", f, limit)
        expense = await self._money("expense", f, limit)
        return Summary(
            metric=metric,
            total=income.total - expense.total,
            count=income.count + expense.count,
            lines=[("收入", income.total), ("支出", expense.total)],
        )

    async def _receivable(self, metric: str, f: Filters, limit: int) -> Summary:
        where, params = _where(f.model_copy(update={"start": None}), None)
        sql = (
            "SELECT u, SUM(CASE WHEN t.type IN ('credit', 'borrow') THEN t.amount"
            " WHEN t.type IN ('settle', 'return') THEN -t.amount ELSE 0 END), COUNT(*)"
            " FROM transactions t, unnest(t.users) u"
            f" WHERE {where} AND t.type IN ('credit', 'settle', 'borrow', 'return')"
            " AND t.amount IS NOT NULL" + _user_filter(f) + " GROUP BY u"
        )
        return await self._balances(metric, sql, params, limit)

    async def _containers(self, metric: str, f: Filters, limit: int) -> Summary:
        where, params = _where(f.model_copy(update={"start": None}), None)
        sql = (
            "SELECT u || '·' || (c->>'name'), SUM(CASE WHEN t.type = 'return'"
            " THEN -(c->>'quantity')::numeric ELSE (c->>'quantity')::numeric END), COUNT(*)"
            " FROM transactions t, unnest(t.users) u, jsonb_array_elements(t.containers) c"
            f" WHERE {where}" + _user_filter(f) + " GROUP BY 1"
        )
        return await self._balances(metric, sql, params, limit)

    async def _balances(
        self, metric: str, sql: str, params: dict[str, Any], limit: int
    ) -> Summary:
        """Rows of (who, balance, entries): the open balances, largest first."""
        rows = [(k, v, c) for k, v, c in await self._s.execute(text(sql), params)]
        lines = sorted(((k, v) for k, v, _ in rows if v), key=lambda x: -x[1])
        return Summary(
            metric=metric,
            total=sum((v for _, v in lines), Decimal(0)),
            count=sum(c for _, _, c in rows),
            lines=lines[:limit],
        )

    async def _count(self, metric: str, f: Filters, limit: int) -> Summary:
        where, params = _where(f, None)
        count = (
            await self._s.execute(
                text(f"SELECT COUNT(*) FROM transactions t WHERE {where}"), params
            )
        ).scalar_one()
        return Summary(metric=metric, total=Decimal(count), count=count)

    async def _list(self, metric: str, f: Filters, limit: int) -> Summary:
        where, params = _where(f, None)
        count = (
            await self._s.execute(
                text(f"SELECT COUNT(*) FROM transactions t WHERE {where}"), params
            )
        ).scalar_one()
        ids = [
            r
            for (r,) in await self._s.execute(
                text(
                    f"SELECT t.id FROM transactions t WHERE {where}"
                    f" ORDER BY t.transaction_date DESC, t.id DESC LIMIT {int(limit)}"
                ),
                params,
            )
        ]
        rows = await self._s.execute(
            TransactionRow.__table__.select()
            .where(TransactionRow.id.in_(ids))
            .order_by(TransactionRow.transaction_date, TransactionRow.id)
        )
        entries = [from_row(TransactionRow(**dict(r._mapping))) for r in rows]
        return Summary(metric=metric, total=Decimal(count), count=count, entries=entries)


def _where(f: Filters, types: tuple[str, ...] | None) -> tuple[str, dict[str, Any]]:
    parts = ["t.account_id = :account_id", "t.status = 'active'"]
    params: dict[str, Any] = {"account_id": f.account_id}
    if f.start is not None:
        parts.append("t.transaction_date >= :start")
        params["start"] = f.start
    if f.end is not None:
        parts.append("t.transaction_date <= :end")
        params["end"] = f.end
    if types:
        parts.append("t.type = ANY(:types)")
        params["types"] = list(types)
    if f.users:
        parts.append("t.users && CAST(:users AS varchar[])")
        params["users"] = list(f.users)
    if f.product:
        parts.append("t.products @> CAST(:product_json AS jsonb)")
        params["product_json"] = f'[{{"name": {_json_str(f.product)}}}]'
        params["product"] = f.product
    return " AND ".join(parts), params


def _user_filter(f: Filters) -> str:
    # Per-counterparty balances count only the asked-about counterparties' shares.
    return " AND u = ANY(CAST(:users AS varchar[]))" if f.users else ""


def _json_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
