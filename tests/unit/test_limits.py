"""The books' bounds (ledger.limits), against the table definitions they follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledger import Entry, EntryType, Product
from ledger.limits import MAX_AMOUNT, MAX_NAME_CHARS, clean_text, problems
from storage.models import TransactionRow

TODAY = dt.date(2026, 3, 15)


def sale(**kw: object) -> Entry:
    return Entry.model_validate({"type": EntryType.INCOME, "date": TODAY, "amount": 100, **kw})


def kinds(e: Entry) -> list[tuple[str, str]]:
    return [(p.field, p.kind) for p in problems(e, TODAY)]


def test_the_bounds_are_the_tables() -> None:
    amount = TransactionRow.__table__.c.amount.type
    assert (amount.precision, amount.scale) == (12, 2)  # type: ignore[attr-defined]
    assert Decimal(10) ** (12 - 2) - Decimal("0.01") == MAX_AMOUNT
    assert TransactionRow.__table__.c.category.type.length == MAX_NAME_CHARS  # type: ignore[attr-defined]


def test_a_storable_entry_has_no_problem() -> None:
    assert kinds(sale(amount=MAX_AMOUNT, users=("老李",), date=dt.date(2000, 1, 1))) == []


def test_each_bound() -> None:
    assert kinds(sale(amount=MAX_AMOUNT + Decimal("0.01"))) == [("amount", "too_large")]
    assert kinds(sale(amount=-500)) == [("amount", "negative")]
    assert kinds(sale(amount=0)) == [("amount", "zero")]
    assert kinds(sale(date=dt.date(2026, 3, 16))) == [("date", "future")]
    assert kinds(sale(date=dt.date(1999, 12, 31))) == [("date", "too_old")]
    assert kinds(sale(users=("老" * 65,))) == [("name", "too_long")]
    assert kinds(sale(products=tuple(Product(name=f"货{i}") for i in range(5000)))) == [
        ("size", "too_many")]
    assert kinds(sale(products=(Product(name="白\x00菜"),))) == [("name", "control")]
    assert kinds(sale(remark="备" * 501)) == [("name", "too_long")]


def test_clean_text_keeps_words_and_lines() -> None:
    assert clean_text("卖给老\x00王\x1b[31m\u200b一共\n100元\t") == "卖给老王[31m一共\n100元\t"
