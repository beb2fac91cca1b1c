"""Credit-limit requests said in chat (handlers/credit_limit.py) and what an entry adds to
what its counterparty owes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from handlers.credit_limit import LimitRequest, change, parse
from ledger import Entry, EntryType


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("老李的欠款额度5000", LimitRequest("set", "老李", Decimal(5000))),
        ("给老李设额度五千", LimitRequest("set", "老李", Decimal(5000))),
        ("给超市周经理设个赊账额度一万二", LimitRequest("set", "超市周经理", Decimal(12000))),
        ("老李额度改成8000块", LimitRequest("set", "老李", Decimal(8000))),
        ("把老王的额度调到1.5万", LimitRequest("set", "老王", Decimal(15000))),
        ("老李的欠款额度设为3千。", LimitRequest("set", "老李", Decimal(3000))),
        ("取消老李的额度", LimitRequest("remove", "老李")),
        ("老李的欠款额度不要了", LimitRequest("remove", "老李")),
        ("老李的额度是多少？", LimitRequest("ask", "老李")),
    ],
)
def test_limit_requests(text: str, wanted: LimitRequest) -> None:
    assert parse(text) == wanted


@pytest.mark.parametrize(
    "text", ["卖给老李十箱苹果", "老李还欠多少", "额度", "老李的欠款额度很高啊", "老李欠款5000"]
)
def test_other_messages_are_not_limit_requests(text: str) -> None:
    assert parse(text) is None


def _entry(kind: EntryType, amount: int, paid: int | None = None) -> Entry:
    return Entry(type=kind, users=("老李",), amount=Decimal(amount),
                 paid=None if paid is None else Decimal(paid), date=dt.date(2026, 3, 1))


def test_what_an_entry_adds_to_what_is_owed() -> None:
    assert change(_entry(EntryType.CREDIT, 1200, paid=500)) == Decimal(700)
    assert change(_entry(EntryType.BORROW, 300)) == Decimal(300)
    assert change(_entry(EntryType.SETTLE, 700)) == Decimal(-700)
    assert change(_entry(EntryType.INCOME, 700)) == Decimal(0)
