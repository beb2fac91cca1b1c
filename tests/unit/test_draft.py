"""The pure draft rules: what is missing, and what a correction recomputes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chains.schemas import Patch
from handlers.draft import Draft, apply_patch
from ledger import Container, Entry, EntryType, Product

DAY = dt.date(2026, 3, 15)


def _sale(amount: str | None, price: str | None, *, said: bool) -> Draft:
    product = Product(name="千叶", quantity=Decimal(5000), unit="盆",
                      unit_price=None if price is None else Decimal(price))
    entry = Entry(type=EntryType.INCOME, users=("老李",), products=(product,),
                  amount=None if amount is None else Decimal(amount), date=DAY)
    return Draft(entries=(entry,), said_totals=(said,))


def test_derived_total_follows_a_new_quantity() -> None:
    d = apply_patch(_sale("10000", "2", said=False), Patch(quantity=Decimal(3000)))
    assert d.entry.amount == Decimal(6000)
    assert d.entry.products[0].unit_price == Decimal(2)


def test_said_total_stands_and_the_price_follows() -> None:
    d = apply_patch(_sale("10000", "2", said=True), Patch(quantity=Decimal(4000)))
    assert d.entry.amount == Decimal(10000)
    assert d.entry.products[0].unit_price == Decimal("2.50")


def test_new_unit_price_recomputes_a_derived_total() -> None:
    d = apply_patch(_sale("10000", "2", said=False), Patch(unit_price=Decimal("2.5")))
    assert d.entry.amount == Decimal(12500)


def test_amount_answer_fills_missing_and_derives_price() -> None:
    d = _sale(None, None, said=False)
    assert d.entry.missing == ["amount"]
    d = apply_patch(d, Patch(amount=Decimal(1000)))
    assert d.next_missing() is None
    assert d.entry.products[0].unit_price == Decimal("0.20")


def test_user_replacement_and_date() -> None:
    d = apply_patch(_sale("10000", "2", said=True),
                    Patch(replace_user=("老李", "老刘"), date=dt.date(2026, 3, 14)))
    assert d.entry.users == ("老刘",)
    assert d.entry.date == dt.date(2026, 3, 14)


def test_party_types_need_a_counterparty() -> None:
    e = Entry(type=EntryType.BORROW, containers=(Container(name="筐", quantity=Decimal(20)),),
              date=DAY)
    assert e.missing == ["users"]
    assert e.model_copy(update={"users": ("老李",)}).missing == []


def test_container_quantity_correction() -> None:
    e = Entry(type=EntryType.BORROW, users=("老李",), date=DAY,
              containers=(Container(name="筐", quantity=Decimal(20)),))
    d = apply_patch(Draft(entries=(e,)), Patch(quantity=Decimal(15)))
    assert d.entry.containers[0].quantity == Decimal(15)


def test_card_asks_for_a_closer_look_when_the_parse_was_unsure() -> None:
    from handlers.render import card

    sure = _sale("10000", "2", said=True)
    assert "不太有把握" not in card(sure, DAY)
    assert "不太有把握" in card(sure.model_copy(update={"confidence": 0.3}), DAY)
