"""Entry dates and query periods relative to the day sent, across week, month, year ends."""

from __future__ import annotations

import datetime as dt

import pytest

from chains.rules import extract
from chains.rules.dates import find_day, find_period

D = dt.date


def entry_date(text: str, ref: dt.date) -> dt.date | None:
    return extract(text, ref).entry.date


@pytest.mark.parametrize(
    ("said", "ref", "day"),
    [
        ("今天", D(2026, 3, 1), D(2026, 3, 1)),
        ("昨天", D(2026, 3, 1), D(2026, 2, 28)),
        ("前天", D(2026, 1, 1), D(2025, 12, 30)),
        ("大前天", D(2026, 3, 2), D(2026, 2, 27)),
        ("上周三", D(2026, 8, 16), D(2026, 8, 5)),  # ref is a Sunday
        ("这周三", D(2026, 6, 7), D(2026, 6, 3)),
        ("周三", D(2026, 6, 9), D(2026, 6, 3)),  # ref Tuesday: last Wednesday
        ("周四", D(2026, 1, 4), D(2026, 1, 1)),  # across the year end
        ("星期天", D(2026, 5, 20), D(2026, 5, 17)),
        ("上礼拜五", D(2026, 5, 20), D(2026, 5, 15)),
        ("3号", D(2026, 3, 2), D(2026, 2, 3)),  # day after ref: previous month
        ("3号", D(2026, 3, 5), D(2026, 3, 3)),
        ("1号", D(2026, 3, 2), D(2026, 3, 1)),
        ("12月28号", D(2026, 1, 10), D(2025, 12, 28)),  # across the year end
        ("3月5号", D(2026, 3, 10), D(2026, 3, 5)),
        ("上个月28号", D(2026, 3, 2), D(2026, 2, 28)),
        ("上个月28号", D(2026, 1, 5), D(2025, 12, 28)),
        ("四月三号", D(2026, 5, 20), D(2026, 4, 3)),
    ],
)
def test_entry_day(said: str, ref: dt.date, day: dt.date) -> None:
    assert entry_date(f"{said}卖给老李200盆绿萝每盆3块", ref) == day


def test_no_day_means_the_day_sent() -> None:
    assert entry_date("卖给老李200盆绿萝每盆3块", D(2026, 5, 20)) == D(2026, 5, 20)


def test_a_debt_period_does_not_move_the_date() -> None:
    assert entry_date("老王把上个月的账结了，给了3000", D(2026, 3, 16)) == D(2026, 3, 16)


def test_a_promise_does_not_move_the_date() -> None:
    assert entry_date("老王赊了100盆发财树，每盆12，下周三给钱", D(2026, 3, 16)) == D(2026, 3, 16)


def test_impossible_day_is_dropped() -> None:
    assert find_day("31号", D(2026, 3, 2))[0].first is None  # no 31 Feb nor 31 Mar yet


def test_names_with_zhou_are_not_weekdays() -> None:
    assert [f.first for f in find_day("老周6月3号那天", D(2026, 6, 10))] == [D(2026, 6, 3)]
    assert find_day("周大姐", D(2026, 6, 10)) == []


def test_zhou_yi_gong_is_not_monday() -> None:
    (period,) = find_period("上周一共花出去多少", D(2026, 10, 5))
    assert (period.first, period.last) == (D(2026, 9, 28), D(2026, 10, 4))


@pytest.mark.parametrize(
    ("said", "ref", "start", "end"),
    [
        ("今天", D(2026, 3, 15), D(2026, 3, 15), D(2026, 3, 15)),
        ("这周", D(2026, 3, 16), D(2026, 3, 16), D(2026, 3, 16)),  # ref is a Monday
        ("本周", D(2026, 5, 31), D(2026, 5, 25), D(2026, 5, 31)),
        ("上周", D(2026, 1, 1), D(2025, 12, 22), D(2025, 12, 28)),
        ("上上周", D(2026, 5, 20), D(2026, 5, 4), D(2026, 5, 10)),
        ("这个月", D(2026, 7, 1), D(2026, 7, 1), D(2026, 7, 1)),
        ("上个月", D(2026, 1, 5), D(2025, 12, 1), D(2025, 12, 31)),
        ("上个月", D(2026, 3, 31), D(2026, 2, 1), D(2026, 2, 28)),
        ("今年", D(2026, 1, 2), D(2026, 1, 1), D(2026, 1, 2)),
        ("去年", D(2026, 1, 2), D(2025, 1, 1), D(2025, 12, 31)),
        ("三月份", D(2026, 5, 20), D(2026, 3, 1), D(2026, 3, 31)),
        ("最近七天", D(2026, 5, 20), D(2026, 5, 14), D(2026, 5, 20)),
        ("前天", D(2026, 9, 14), D(2026, 9, 12), D(2026, 9, 12)),
    ],
)
def test_query_period(said: str, ref: dt.date, start: dt.date, end: dt.date) -> None:
    parse = extract(f"{said}卖了多少钱", ref)
    assert parse.query is not None
    assert (parse.query.start, parse.query.end) == (start, end)


def test_balance_question_has_no_start() -> None:
    parse = extract("老李还欠我多少钱", D(2026, 3, 16))
    assert parse.query is not None
    assert (parse.query.start, parse.query.end) == (None, D(2026, 3, 16))
