"""What the version-2 answers say, from real books on PostgreSQL: payable never reads as
someone owing me, breakdowns add up to their totals, a statement is ready to forward."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from chains.schemas import Query
from handlers import query
from ledger import Container, Entry, EntryType, Metric, Product
from storage.reports import Filters, ReportRepository
from tests.integration.books import TODAY, save

pytestmark = pytest.mark.integration
D = Decimal
T = EntryType
MONEY = re.compile(r"(-?)¥([\d,]+(?:\.\d+)?)")


def e(kind: EntryType, amount: float | None, *users: str, **kw: Any) -> Entry:
    return Entry(type=kind, users=users, amount=None if amount is None else D(str(amount)),
                 date=kw.pop("date", TODAY), **kw)


def pots(name: str, qty: int, price: float) -> Product:
    return Product(name=name, quantity=D(qty), unit="盆", unit_price=D(str(price)))


async def ask(s: AsyncSession, account: int, metric: Metric, users: list[str] | None = None,
              start: Any = None, limit: int = 10_000) -> str:
    q = Query(metric=metric, start=start, end=TODAY, users=users or [])
    f = Filters(account_id=account, start=q.start, end=q.end, users=q.users)
    summary = await ReportRepository(s).summarise(metric, f, limit=limit)
    return query.describe(q, summary, TODAY)


def figures(line: str) -> list[Decimal]:
    return [D(v.replace(",", "")) * (-1 if sign else 1) for sign, v in MONEY.findall(line)]


def adds_up(reply: str) -> None:
    """The head line's first figure is the sum of the · lines under it."""
    head, *rest = reply.splitlines()
    listed = [figures(x)[-1] for x in rest if x.startswith(("·", "1.", "2.", "3.", "4."))]
    assert figures(head)[0] == sum(listed, D(0)), reply


async def test_payable_says_what_i_owe_and_never_who_owes_me(session: AsyncSession) -> None:
    account = await save(session, [
        e(T.PAYABLE, 1000, "老赵", paid=D(200)),
        e(T.PAYABLE, 500, "老张", paid=D(0)),
        e(T.PAYOFF, 100, "老钱"),  # paid ahead
        e(T.CREDIT, 900, "老李", paid=D(0)),
    ])
    assert await ask(session, account, "payable", ["老赵"]) == "我还欠老赵 ¥800。"
    reply = await ask(session, account, "payable")
    assert reply.splitlines() == [
        "我一共还欠 ¥1,300：", "· 老赵 ¥800", "· 老张 ¥500",
        "· 给老钱预付了 ¥100（多付的，可抵下次货款）"
    ]
    assert "老李" not in reply and "欠我" not in reply
    assert await ask(session, account, "payable", ["老李"]) == "我现在不欠老李的钱，应付 ¥0。"
    assert await ask(session, account, "receivable") == "老李 还欠我 ¥900。"


async def test_takings_split_cash_credit_and_refunds(session: AsyncSession) -> None:
    account = await save(session, [
        e(T.INCOME, 300),
        e(T.CREDIT, 1000, "老王", paid=D(100)),
        e(T.REFUND, 50),
        e(T.LOSS, 160, products=(pots("梨", 10, 16),)),
    ])
    reply = await ask(session, account, "income", start=TODAY)
    assert reply.splitlines()[:2] == [
        "2026-12-01（今天）：收入 ¥1,250，共 3 笔。", "其中现金 ¥400，赊账 ¥900，退款 -¥50"
    ]
    assert sum(figures(reply.splitlines()[1]), D(0)) == D(1250)
    net = await ask(session, account, "net", start=TODAY)
    assert "净赚 ¥1,250" in net  # the loss is in no income, expense or net


async def test_a_discounted_sale_breaks_down_to_what_was_charged(session: AsyncSession) -> None:
    # 5000盆 x 2.5 is 12,500 but 12,000 was charged; 绿萝 and 千叶 sold together with 20 off.
    account = await save(session, [
        e(T.INCOME, 12000, "老李", products=(pots("千叶", 5000, 2.5),)),
        e(T.INCOME, 330, "老王", products=(pots("绿萝", 100, 3), pots("千叶", 10, 5))),
        e(T.INCOME, 80),  # 零售, no goods named
    ])
    reply = await ask(session, account, "income", start=TODAY, limit=10)
    assert "¥12,500" not in reply and "· 其他 ¥80" in reply
    adds_up(reply.split("\n", 1)[0] + "\n" + reply.split("按商品：\n", 1)[1])


async def test_losses_are_valued_and_unvalued_ones_said(session: AsyncSession) -> None:
    account = await save(session, [
        e(T.LOSS, 160, products=(pots("梨", 10, 16),)),
        e(T.LOSS, None, products=(Product(name="虾", quantity=D(3), unit="斤"),)),
    ])
    reply = await ask(session, account, "loss", start=TODAY)
    assert reply.startswith("2026-12-01（今天）：损耗 ¥160，共 2 笔。")
    assert "另有 1 笔没有估价" in reply and "· 梨 ¥160" in reply


async def test_statement_is_ready_to_forward(session: AsyncSession) -> None:
    day = TODAY.replace(day=1)
    account = await save(session, [
        e(T.CREDIT, 1000, "老李", paid=D(0), date=day.replace(month=10)),
        e(T.SETTLE, 1000, "老李", date=day.replace(month=10, day=20)),  # square again
        e(T.CREDIT, 1000, "老李", paid=D(300), products=(pots("绿萝", 100, 10),),
          containers=(Container(name="筐", quantity=D(10)),), date=day.replace(month=11)),
        e(T.BORROW, 500, "老李", date=day.replace(month=11, day=20)),
        e(T.PAYABLE, 200, "老李", paid=D(0), date=day.replace(month=11, day=25)),
        e(T.CREDIT, 999, "老王", paid=D(0)),
    ])
    reply = await ask(session, account, "statement", ["老李"], limit=30)
    lines = reply.splitlines()
    assert lines[0] == (
        "老李您好：截至12月1日，您共欠货款 ¥700，借款 ¥500，我欠您货款 ¥200，"
        "另有筐 10 个未还。"
    )
    assert lines[1] == "明细（11月1日起，共 3 笔）："
    assert lines[2] == "· 11月1日 赊账 绿萝100盆 筐10个 ¥1,000（已付 ¥300）"
    assert "老王" not in reply and "10月" not in reply
    assert "对账" in await ask(session, account, "statement")


async def test_rankings_add_up_to_sales(session: AsyncSession) -> None:
    account = await save(session, [
        e(T.INCOME, 600, "老李", products=(pots("绿萝", 200, 3),)),
        e(T.CREDIT, 400, "老王", paid=D(0), products=(pots("千叶", 100, 4),)),
        e(T.INCOME, 100),
        e(T.REFUND, 50, "老李", products=(pots("绿萝", 10, 5),)),
    ])
    top = await ask(session, account, "top_products", limit=10)
    assert top.splitlines()[1:] == ["1. 绿萝 ¥550", "2. 千叶 ¥400", "· 其他 ¥100"]
    adds_up(top)
    buyers = await ask(session, account, "top_customers", limit=10)
    assert buyers.splitlines()[1:] == ["1. 老李 ¥550", "2. 老王 ¥400", "· 散客/其他 ¥100"]
    adds_up(buyers)
