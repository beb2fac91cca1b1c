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


def test_a_new_unit_price_also_moves_a_said_total() -> None:
    d = apply_patch(_sale("10000", "2", said=True), Patch(unit_price=Decimal("2.5")))
    assert d.entry.amount == Decimal(12500) and not d.said_total(0)


def _two() -> Draft:
    goods = Entry(type=EntryType.EXPENSE, users=("阿强",), amount=Decimal(1800), date=DAY,
                  products=(Product(name="带鱼", quantity=Decimal(100), unit="斤",
                                    unit_price=Decimal(18)),))
    fee = Entry(type=EntryType.EXPENSE, amount=Decimal(50), category="运费", date=DAY)
    return Draft(entries=(goods, fee), said_totals=(False, True))


def test_a_correction_of_the_second_entry_changes_only_that_one() -> None:
    d = apply_patch(_two(), Patch(entry=1, amount=Decimal(60)))
    assert [e.amount for e in d.entries] == [Decimal(1800), Decimal(60)]
    d = apply_patch(d, Patch(entry=0, unit_price=Decimal(20)))
    assert [e.amount for e in d.entries] == [Decimal(2000), Decimal(60)]


def test_goods_renamed_by_reply() -> None:
    d = apply_patch(_sale("10000", "2", said=True), Patch(replace_product=("千叶", "月季")))
    assert [p.name for p in d.entry.products] == ["月季"]
    d = apply_patch(d, Patch(product="红掌"))  # 商品是红掌: the one product's new name
    assert [p.name for p in d.entry.products] == ["红掌"]
    assert d.entry.products[0].quantity == Decimal(5000)


def test_unknown_skips_only_what_the_books_allow() -> None:
    loss = Entry(type=EntryType.LOSS, date=DAY,
                 products=(Product(name="梨", quantity=Decimal(2), unit="箱"),))
    asked = Draft(entries=(loss,), asking="amount")
    assert apply_patch(asked, Patch(unknown=True)).next_missing() is None
    sale = _sale(None, None, said=False).model_copy(update={"asking": "amount"})
    assert apply_patch(sale, Patch(unknown=True)).next_missing() == (0, "amount")


def _part_paid() -> Draft:
    credit = Entry(type=EntryType.CREDIT, users=("老李",), amount=Decimal(750),
                   paid=Decimal(700), date=DAY)
    return Draft(entries=(credit,), said_totals=(True,), doubt="short")


def test_a_short_payment_let_go_is_takings_of_what_was_paid() -> None:
    d = apply_patch(_part_paid(), Patch(short="discount"))
    assert (d.entry.type, d.entry.amount, d.entry.paid, d.doubt) == (
        EntryType.INCOME, Decimal(700), None, None)


def test_a_short_payment_still_owed_stays_credit() -> None:
    d = apply_patch(_part_paid(), Patch(short="owed"))
    assert (d.entry.type, d.entry.amount, d.entry.paid, d.doubt) == (
        EntryType.CREDIT, Decimal(750), Decimal(700), None)


def _overpaid(owed: str) -> Draft:
    settle = Entry(type=EntryType.SETTLE, users=("老李",), amount=Decimal(700), date=DAY)
    return Draft(entries=(settle,), said_totals=(True,), doubt="overpaid", owed=Decimal(owed))


def test_money_beyond_a_debt_as_a_sale_is_split_in_two() -> None:
    d = apply_patch(_overpaid("500"), Patch(overpaid="sale"))
    assert [(e.type, e.amount) for e in d.entries] == [
        (EntryType.SETTLE, Decimal(500)), (EntryType.INCOME, Decimal(200))]
    assert d.doubt is None


def test_money_with_no_debt_as_a_sale_is_a_sale() -> None:
    d = apply_patch(_overpaid("0"), Patch(overpaid="sale"))
    assert [(e.type, e.amount) for e in d.entries] == [(EntryType.INCOME, Decimal(700))]


def test_money_beyond_a_debt_kept_as_an_advance() -> None:
    d = apply_patch(_overpaid("500"), Patch(overpaid="advance"))
    assert [(e.type, e.amount) for e in d.entries] == [(EntryType.SETTLE, Decimal(700))]
    assert d.doubt is None
