"""Which period comes before which (handlers/comparison.py), and how a change is said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from handlers.comparison import Previous, change, describe, previous

D = dt.date
TODAY = D(2026, 12, 1)  # a Tuesday, and the first of the month


@pytest.mark.parametrize(
    ("start", "end", "said", "wanted"),
    [
        (TODAY, TODAY, "今天卖了多少", Previous(D(2026, 11, 30), D(2026, 11, 30), "昨天")),
        (D(2026, 11, 30), D(2026, 11, 30), "昨天", Previous(D(2026, 11, 29), D(2026, 11, 29),
                                                           "前一天")),
        # 本月 on the 1st is one day long, yet it is a month: the words decide
        (TODAY, TODAY, "本月卖了多少", Previous(D(2026, 11, 1), D(2026, 11, 30), "上月")),
        (D(2026, 11, 30), TODAY, "这周卖了多少",
         Previous(D(2026, 11, 23), D(2026, 11, 29), "上周")),
        (D(2026, 11, 23), D(2026, 11, 29), "上周", Previous(D(2026, 11, 16), D(2026, 11, 22),
                                                          "前一周")),
        (D(2026, 11, 1), D(2026, 11, 30), "上个月", Previous(D(2026, 10, 1), D(2026, 10, 31),
                                                          "前一个月")),
        (D(2026, 3, 1), D(2026, 3, 31), "三月份", Previous(D(2026, 2, 1), D(2026, 2, 28),
                                                         "前一个月")),
        (D(2026, 1, 1), TODAY, "今年", Previous(D(2025, 1, 1), D(2025, 12, 31), "去年")),
    ],
)
def test_the_period_before(start: dt.date, end: dt.date, said: str, wanted: Previous) -> None:
    assert previous(start, end, TODAY, said) == wanted


@pytest.mark.parametrize(
    ("start", "end"), [(D(2026, 11, 3), D(2026, 11, 12)), (None, TODAY), (D(2026, 11, 24), TODAY)]
)
def test_other_spans_are_not_compared(start: dt.date | None, end: dt.date) -> None:
    assert previous(start, end, TODAY, "卖了多少") is None


def test_change_and_its_words() -> None:
    month = Previous(D(2026, 11, 1), D(2026, 11, 30), "上月")
    assert change(Decimal(12000), Decimal(10000)) == Decimal(20)
    said = describe(Decimal(12000), Decimal(10000), month)
    assert said == "比上月多 ¥2,000（+20%）。"
    assert describe(Decimal(900), Decimal(1200), month) == "比上月少 ¥300（-25%）。"
    assert describe(Decimal(1), Decimal(3), month) == "比上月少 ¥2（-66.7%）。"
    assert change(Decimal(5), Decimal(0)) is None
    assert describe(Decimal(5), Decimal(0), month) == "上月为零，没法算环比。"
    assert describe(Decimal(7), Decimal(7), month) == "和上月一样。"
    # a smaller loss than last month's is a rise, divided by the loss's size
    assert change(Decimal(-100), Decimal(-400)) == Decimal(75)
