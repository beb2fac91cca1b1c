"""Every report metric against generated books on real PostgreSQL.

The expected figures come from SQL written here, straight from the GUIDE's definitions
(type literals and all), never from storage's own SQL; product shares, which need the
split rule, are recomputed in Python from the raw rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Entry, EntryType
from storage.reports import Filters, ReportRepository, Summary
from tests.integration import books

pytestmark = pytest.mark.integration
D = Decimal
TODAY = books.TODAY

INCOME = (
    "CASE type WHEN 'income' THEN amount WHEN 'credit' THEN amount"
    " WHEN 'refund' THEN -amount END"
)
EXPENSE = "CASE type WHEN 'expense' THEN amount WHEN 'payable' THEN amount END"
RECEIVABLE = (
    "CASE type WHEN 'credit' THEN amount - COALESCE(paid, 0) WHEN 'borrow' THEN amount"
    " WHEN 'settle' THEN -amount WHEN 'return' THEN -amount END"
)
PAYABLE = "CASE type WHEN 'payable' THEN amount - COALESCE(paid, 0) WHEN 'payoff' THEN -amount END"

SCOPES = [
    Filters(account_id=0, end=TODAY),
    Filters(account_id=0, start=dt.date(2026, 11, 1), end=TODAY),
    Filters(account_id=0, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 10)),
    Filters(account_id=0, end=dt.date(2026, 11, 15), users=["老李"]),
    Filters(account_id=0, start=dt.date(2026, 10, 15), end=TODAY, users=["老王", "张姐"]),
    Filters(account_id=0, end=TODAY, product="绿萝"),
]


def _scope(f: Filters) -> tuple[str, dict[str, Any]]:
    sql = "account_id = :a AND status = 'active' AND transaction_date <= :e"
    params: dict[str, Any] = {"a": f.account_id, "e": f.end}
    if f.start:
        sql += " AND transaction_date >= :s"
        params["s"] = f.start
    if f.users:
        sql += " AND users && CAST(:u AS varchar[])"
        params["u"] = f.users
    if f.product:
        sql += " AND EXISTS (SELECT 1 FROM jsonb_array_elements(products) x WHERE x->>'name' = :p)"
        params["p"] = f.product
    return sql, params


async def _one(s: AsyncSession, sql: str, params: dict[str, Any]) -> Any:
    return (await s.execute(text(sql), params)).one()


async def _per_user(s: AsyncSession, expr: str, f: Filters) -> dict[str, Decimal]:
    scope, params = _scope(f)
    only = " AND u = ANY(CAST(:u AS varchar[]))" if f.users else ""
    rows = await s.execute(
        text(
            f"SELECT u, SUM({expr}) FROM transactions, unnest(users) u WHERE {scope}{only}"
            f" AND ({expr}) IS NOT NULL GROUP BY u HAVING SUM({expr}) <> 0"
        ),
        params,
    )
    return dict(rows.all())


async def _books(s: AsyncSession, seed: int, **kw: Any) -> list[Filters]:
    account = await books.generated(s, seed, **kw)
    return [f.model_copy(update={"account_id": account}) for f in SCOPES]


async def _report(s: AsyncSession, metric: str, f: Filters, limit: int = 1000) -> Summary:
    return await ReportRepository(s).summarise(metric, f, limit=limit)


@pytest.mark.parametrize("seed", [1, 2])
async def test_money_totals_and_how_they_were_paid(session: AsyncSession, seed: int) -> None:
    for f in await _books(session, seed):
        if f.product:
            continue  # product totals are shares: see the share test
        scope, params = _scope(f)
        income, expense, loss = await _one(
            session,
            f"SELECT COALESCE(SUM({INCOME}), 0), COALESCE(SUM({EXPENSE}), 0),"
            f" COALESCE(SUM(amount) FILTER (WHERE type = 'loss'), 0) FROM transactions"
            f" WHERE {scope}",
            params,
        )
        counts = await _one(
            session,
            "SELECT COUNT(*) FILTER (WHERE type IN ('income', 'credit', 'refund')),"
            " COUNT(*) FILTER (WHERE type IN ('expense', 'payable')),"
            " COUNT(*) FILTER (WHERE type = 'loss'),"
            " COUNT(*) FILTER (WHERE type = 'loss' AND amount IS NULL), COUNT(*)"
            f" FROM transactions WHERE {scope}",
            params,
        )
        on_credit, refunds, i_owe = await _one(
            session,
            "SELECT COALESCE(SUM(amount - COALESCE(paid, 0)) FILTER (WHERE type = 'credit'), 0),"
            " COALESCE(SUM(amount) FILTER (WHERE type = 'refund'), 0),"
            " COALESCE(SUM(amount - COALESCE(paid, 0)) FILTER (WHERE type = 'payable'), 0)"
            f" FROM transactions WHERE {scope}",
            params,
        )
        got = await _report(session, "income", f)
        assert (got.total, got.count) == (income, counts[0])
        assert dict(got.parts) == {"paid": income + refunds - on_credit, "owed": on_credit,
                                   "back": -refunds}
        assert sum(v for _, v in got.parts) == got.total
        got = await _report(session, "expense", f)
        assert (got.total, got.count) == (expense, counts[1])
        assert dict(got.parts)["owed"] == i_owe
        got = await _report(session, "loss", f)
        assert (got.total, got.count, got.unvalued) == (loss, counts[2], counts[3])
        net = await _report(session, "net", f)
        assert net.total == income - expense  # losses are in neither
        assert (await _report(session, "count", f)).count == counts[4]


@pytest.mark.parametrize("seed", [3, 4])
async def test_balances_per_counterparty(session: AsyncSession, seed: int) -> None:
    for f in await _books(session, seed):
        if f.product:
            continue
        got = await _report(session, "receivable", f)
        assert dict(got.lines) == await _per_user(session, RECEIVABLE, f)
        got = await _report(session, "payable", f)
        assert dict(got.lines) == await _per_user(session, PAYABLE, f)
        scope, params = _scope(f)
        only = " AND u = ANY(CAST(:u AS varchar[]))" if f.users else ""
        rows = await session.execute(
            text(
                "SELECT u || '·' || (c->>'name'), SUM(CASE WHEN type = 'return'"
                " THEN -1 ELSE 1 END * (c->>'quantity')::numeric) FROM transactions,"
                f" unnest(users) u, jsonb_array_elements(containers) c WHERE {scope}{only}"
                " GROUP BY 1 HAVING SUM(CASE WHEN type = 'return' THEN -1 ELSE 1 END"
                " * (c->>'quantity')::numeric) <> 0"
            ),
            params,
        )
        got = await _report(session, "containers", f)
        assert dict(got.lines) == dict(rows.all())


async def test_a_credit_counts_only_what_is_still_owed(session: AsyncSession) -> None:
    account = await books.save(session, [
        Entry(type=EntryType.CREDIT, users=("老李",), amount=D(1000), paid=D(300), date=TODAY),
        Entry(type=EntryType.PAYABLE, users=("老赵",), amount=D(800), paid=D(0), date=TODAY),
        Entry(type=EntryType.PAYOFF, users=("老赵",), amount=D(100), date=TODAY),
    ])
    f = Filters(account_id=account, end=TODAY)
    assert (await _report(session, "receivable", f)).lines == [("老李", D(700))]
    assert (await _report(session, "payable", f)).lines == [("老赵", D(700))]
    # Takings count the credit sale at its full price, the expense the payable purchase.
    assert (await _report(session, "income", f)).total == D(1000)
    assert (await _report(session, "expense", f)).total == D(800)


def _shares(products: list[dict[str, Any]], amount: Decimal) -> list[Decimal]:
    """The split rule, written again: weights quantity x price; all priced: proportional,
    rounded so the entry adds up; some unpriced: priced lines get at most their value."""
    if len(products) <= 1:
        return [amount] * len(products)
    weights = [
        D(p["quantity"]) * D(p["unit_price"])
        if p.get("quantity") is not None and p.get("unit_price") is not None else None
        for p in products
    ]
    known = sum((w for w in weights if w is not None), D(0))
    if not known:
        return [D(0)] * len(products)
    k = amount / known if None not in weights else min(D(1), amount / known)
    out, running, before = [], D(0), D(0)
    for w in weights:
        running += w or D(0)
        now = (k * running).quantize(D("0.01"), ROUND_HALF_UP)
        out.append(now - before)
        before = now
    return out


async def _truth_shares(
    s: AsyncSession, f: Filters, signs: dict[str, int], by: str
) -> dict[str, Decimal]:
    scope, params = _scope(f)
    rows = await s.execute(
        text(f"SELECT type, amount, products, users FROM transactions WHERE {scope}"
             " AND amount IS NOT NULL"),
        params,
    )
    out: dict[str, Decimal] = defaultdict(D)
    for kind, amount, products, users in rows:
        if kind not in signs:
            continue
        for p, share in zip(products, _shares(products, amount), strict=True):
            key = p["name"] if by == "product" else "、".join(users)
            if key and (f.product is None or p["name"] == f.product):
                out[key] += signs[kind] * share
    return {k: v for k, v in out.items() if v}


@pytest.mark.parametrize("seed", [5, 6])
async def test_product_shares_and_rankings(session: AsyncSession, seed: int) -> None:
    sales = {"income": 1, "credit": 1, "refund": -1}
    for f in await _books(session, seed):
        products = await _truth_shares(session, f, sales, "product")
        got = await _report(session, "top_products", f)
        assert dict(got.lines) == {k: v for k, v in products.items() if v > 0}
        assert [v for _, v in got.lines] == sorted((v for _, v in got.lines), reverse=True)
        if f.product:
            assert (await _report(session, "income", f)).total == products.get(f.product, 0)
        scope, params = _scope(f)
        rows = await session.execute(
            text(f"SELECT array_to_string(users, '、'), SUM({INCOME}) FROM transactions"
                 f" WHERE {scope} AND cardinality(users) > 0 GROUP BY 1"),
            params,
        )
        customers = {k: v for k, v in rows if v and v > 0}
        if not f.product:
            got = await _report(session, "top_customers", f)
            assert dict(got.lines) == customers
        loss = await _truth_shares(session, f, {"loss": 1}, "product")
        if not f.product:
            assert dict((await _report(session, "loss", f)).lines) == loss


async def test_a_breakdown_adds_up_to_its_total(session: AsyncSession) -> None:
    # Every product line priced (some discounted): product shares plus the entries without
    # goods are the whole total, to the cent, never more.
    types = {
        "income": "('income', 'credit', 'refund')",
        "expense": "('expense', 'payable')",
        "loss": "('loss')",
    }
    for f in await _books(session, 7, priced=True):
        if f.product:
            continue
        scope, params = _scope(f)
        for metric, kinds in types.items():
            (no_goods,) = await _one(
                session,
                "SELECT COALESCE(SUM(CASE WHEN type = 'refund' THEN -amount ELSE amount END),"
                f" 0) FROM transactions WHERE {scope} AND type IN {kinds}"
                " AND jsonb_array_length(products) = 0",
                params,
            )
            got = await _report(session, metric, f, limit=100)
            assert sum((v for _, v in got.lines), D(0)) + no_goods == got.total, metric


async def test_list_is_the_latest_entries_oldest_first(session: AsyncSession) -> None:
    for f in await _books(session, 8):
        scope, params = _scope(f)
        rows = await session.execute(
            text(f"SELECT id FROM transactions WHERE {scope}"
                 " ORDER BY transaction_date DESC, id DESC LIMIT 7"),
            params,
        )
        expected = [i for (i,) in rows][::-1]
        got = await _report(session, "list", f, limit=7)
        assert [e.id for e in got.entries] == expected


def _moves(kind: str, amount: Decimal | None, paid: Decimal | None) -> tuple[Decimal, ...]:
    """(goods owed to me, money lent to me, owed by me) one row moves, from the GUIDE."""
    a = amount or D(0)
    goods = {"credit": a - (paid or 0), "settle": -a}.get(kind, D(0))
    lent = {"borrow": a, "return": -a}.get(kind, D(0))
    mine = {"payable": a - (paid or 0), "payoff": -a}.get(kind, D(0))
    return goods, lent, mine


async def _square(s: AsyncSession, account: int, who: str, day: dt.date) -> None:
    """Entries on `day` that leave the money with `who` square both ways."""
    scope, params = _scope(Filters(account_id=account, end=day, users=[who]))
    me, mine = await _one(
        s, f"SELECT COALESCE(SUM({RECEIVABLE}), 0), COALESCE(SUM({PAYABLE}), 0)"
        f" FROM transactions WHERE {scope}", params,
    )
    entries = [
        Entry(type=EntryType.SETTLE if me > 0 else EntryType.CREDIT, users=(who,),
              amount=abs(me), paid=D(0), date=day),
        Entry(type=EntryType.PAYOFF if mine > 0 else EntryType.PAYABLE, users=(who,),
              amount=abs(mine), paid=D(0), date=day),
    ]
    await books.save(s, entries, key=f"square-{who}")
    await s.commit()


@pytest.mark.parametrize("seed", [9, 10])
async def test_statement_since_the_money_was_last_square(session: AsyncSession, seed: int) -> None:
    account = await books.generated(session, seed, n=120)
    for who in books.NAMES[:2]:  # the others never are
        await _square(session, account, who, dt.date(2026, 11, 15))
    for who in books.NAMES:
        f = Filters(account_id=account, end=TODAY, users=[who])
        scope, params = _scope(f)
        rows = (await session.execute(
            text(f"SELECT id, type, amount, paid, containers FROM transactions WHERE {scope}"
                 " ORDER BY transaction_date, id"),
            params,
        )).all()
        goods = lent = mine = D(0)
        crates: dict[str, Decimal] = defaultdict(D)
        open_ids: list[int] = []
        for row_id, kind, amount, paid, boxes in rows:
            d = _moves(kind, amount, paid)
            goods, lent, mine = goods + d[0], lent + d[1], mine + d[2]
            for c in boxes:
                crates[c["name"]] += D(c["quantity"]) * (-1 if kind == "return" else 1)
            square = goods + lent == 0 and mine == 0  # containers are a count, not a cut
            open_ids = [] if square else [*open_ids, row_id]
        got = (await _report(session, "statement", f, limit=500)).statement
        assert got is not None
        assert [e.id for e in got.entries] == open_ids and got.count == len(open_ids)
        assert (got.goods_owed, got.loans_owed, got.i_owe) == (goods, lent, mine)
        assert dict(got.crates) == {k: n for k, n in crates.items() if n}
        assert (got.opening_owed_me, got.opening_i_owe) == (D(0), D(0))
        if who in books.NAMES[:2]:
            assert all(e.entry.date >= dt.date(2026, 11, 15) for e in got.entries)
            assert len(open_ids) < len(rows)


async def test_statement_for_a_period_brings_the_balance_forward(session: AsyncSession) -> None:
    account = await books.generated(session, 11, n=120)
    start = dt.date(2026, 11, 1)
    f = Filters(account_id=account, start=start, end=TODAY, users=["老李"])
    got = (await _report(session, "statement", f, limit=500)).statement
    assert got is not None
    scope, params = _scope(f.model_copy(update={"start": None}))
    before, total, mine_before = await _one(
        session,
        f"SELECT COALESCE(SUM({RECEIVABLE}) FILTER (WHERE transaction_date < :s0), 0),"
        f" COALESCE(SUM({RECEIVABLE}), 0),"
        f" COALESCE(SUM({PAYABLE}) FILTER (WHERE transaction_date < :s0), 0)"
        f" FROM transactions WHERE {scope}",
        {**params, "s0": start},
    )
    assert got.opening_owed_me == before and got.opening_i_owe == mine_before
    assert got.goods_owed + got.loans_owed == total
    assert all(e.entry.date >= start for e in got.entries) and got.since == start
