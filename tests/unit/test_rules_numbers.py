"""Numbers and money as vendors say them (GUIDE "Numbers as vendors say them")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chains.rules import extract
from chains.schemas import ExtractContext, Intent

REF = dt.date(2026, 5, 20)
ASK_AMOUNT = ExtractContext(asking="amount")


def said_amount(words: str) -> Decimal | None:
    """The amount of a bare answer to 「多少钱?」."""
    parse = extract(words, REF, ASK_AMOUNT)
    assert parse.intent is Intent.CORRECT, words
    return parse.patch.amount if parse.patch else None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("五千", "5000"), ("一万二", "12000"), ("1.2万", "12000"), ("两千五", "2500"),
        ("三百五", "350"), ("两块五", "2.5"), ("一块二", "1.2"), ("八毛", "0.8"),
        ("五毛钱", "0.5"), ("两毛五", "0.25"), ("三块五毛", "3.5"), ("一块二毛五", "1.25"),
        ("10000块", "10000"), ("500米", "500"), ("三百八十六块五", "386.5"),
        ("一千零五十", "1050"), ("两块半", "2.5"), ("1万2", "12000"), ("一共一万", "10000"),
        ("十二万五", "125000"), ("4块5", "4.5"),
    ],
)
def test_money_words(words: str, value: str) -> None:
    assert said_amount(words) == Decimal(value)


@pytest.mark.parametrize("words", ["一百多", "两千来块", "大概一千", "几百块"])
def test_rough_money_is_not_a_number(words: str) -> None:
    parse = extract(words, REF, ASK_AMOUNT)
    assert parse.patch is None or parse.patch.amount is None


def test_price_before_unit_and_unit_before_price() -> None:
    for text in ("卖了100斤土豆，两块一斤", "卖了100斤土豆，一斤两块", "卖了100斤土豆每斤2元",
                 "卖了100斤土豆，2元/斤"):
        parse = extract(text, REF)
        assert parse.entry.products[0].unit_price == Decimal(2), text
        assert parse.entry.amount == Decimal(200), text


def test_trailing_one_is_the_per_unit_marker() -> None:
    # 二十八一扎 is "28 a bundle", not 281 bundles
    parse = extract("从老杨那买了100扎红玫瑰，二十八一扎", REF)
    assert parse.entry.products[0].unit_price == Decimal(28)
    assert parse.entry.amount == Decimal(2800)


def test_half_units() -> None:
    parse = extract("给老王称了两斤半螃蟹八十块", REF)
    assert parse.entry.products[0].quantity == Decimal("2.5")
    assert parse.entry.products[0].unit_price == Decimal(32)


def test_package_verb_is_not_a_unit() -> None:
    parse = extract("前天马老板一万二包了我六百盆千叶", REF)
    assert parse.entry.amount == Decimal(12000)
    assert parse.entry.products[0].unit_price == Decimal(20)


def test_festival_numerals_are_not_amounts() -> None:
    parse = extract("三八节门口卖康乃馨，十块钱一枝，卖了一百二十枝", REF)
    assert parse.entry.amount == Decimal(1200)
