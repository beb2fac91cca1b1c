"""Blind set 3 (tests/data/blind3.jsonl): 297 lines by an independent labeller (GUIDE v2) in
trades and voices the rules had not met (东北, 川渝, 粤, 吴, speech-recogniser run-ons),
scored 0.754 exact before this set was released, with only 0.822 of the lines at or above
the hybrid threshold exactly right. Now a regression floor: the share of exactly right
lines may only go up (raise FLOOR when it does), and the lines the rules are sure of must
stay right (CALIBRATED), since hybrid mode sends only the unsure ones to the LLM."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path

import pytest

from bot.config import ExtractorConfig
from chains.rules import extract
from tests.unit.graded import graded, labelled

DATA = Path(__file__).resolve().parents[1] / "data" / "blind3.jsonl"
FLOOR = 0.87
CALIBRATED = 0.98
SHARE_FLOOR = 0.83  # an extractor that doubts everything is calibrated and useless
THRESHOLD = ExtractorConfig().hybrid_threshold
LINES = labelled(DATA)


@functools.cache
def _graded() -> tuple[tuple[float, bool], ...]:
    return tuple(graded(LINES))


def test_the_share_of_exactly_right_lines_stays_above_the_floor() -> None:
    assert len(LINES) >= 290
    graded = _graded()
    share = sum(ok for _, ok in graded) / len(graded)
    assert share >= FLOOR, f"blind set 3 exact {share:.3f} < {FLOOR}"


def test_confident_lines_are_right_and_most_lines_are_confident() -> None:
    graded = _graded()
    sure = [ok for conf, ok in graded if conf >= THRESHOLD]
    share, right = len(sure) / len(graded), sum(sure) / len(sure)
    assert share >= SHARE_FLOOR, f"share at or above threshold {share:.3f}"
    assert right >= CALIBRATED, f"exact at or above threshold {right:.3f}"


# The families blind set 3 showed, each on sentences of its own (not lines of the set).
REF = dt.date(2026, 5, 12)


@pytest.mark.parametrize(("unsure", "plain"), [
    ("卖给胖墩二十斤鱼，一斤十二", "卖给老王二十斤鱼，一斤十二"),  # an unread name after 卖给
    ("大壮那还有几个筐", "老王那还有几个筐"),  # an unread name where a person stands
    # a debt paid after the goods were taken: a second event
    ("老李赊了二十斤鱼，一斤十二，后来他把这二百四结了", "老李赊了二十斤鱼，一斤十二"),
])
def test_unread_names_and_second_events_fall_below_the_threshold(unsure: str, plain: str) -> None:
    assert extract(unsure, REF).confidence < THRESHOLD <= extract(plain, REF).confidence


@pytest.mark.parametrize(("text", "intent"), [
    ("莫记了", "cancel"), ("唔记了", "cancel"), ("冇问题", "confirm"),
])
def test_dialect_confirm_and_cancel(text: str, intent: str) -> None:
    assert extract(text, REF).intent.value == intent


def test_dialect_and_recogniser_numbers() -> None:
    parse = extract("三快五一斤卖了十斤橘子", REF)  # 快 for 块
    assert parse.entry.amount == Decimal(35)
    assert extract("搭老沈拿了廿斤黄鳝，五十块一斤", REF).entry.amount == Decimal(1000)
    assert extract("今天使咗几多钱", REF).query is not None


def test_a_sibling_rank_is_a_name_next_to_a_person_cue() -> None:
    assert extract("从老七那进了三十斤牛肉，一斤三十", REF).entry.users == ("老七",)


def test_one_each_splits_per_person() -> None:
    parse = extract("卖给王姐跟李姐一人十斤橘子，一斤四块", REF)
    assert [e.users for e in parse.entries] == [("王姐",), ("李姐",)]
    assert [e.amount for e in parse.entries] == [Decimal(40), Decimal(40)]


def test_an_owed_fee_is_payable_and_paying_it_is_a_payoff() -> None:
    assert extract("欠房东老钱三个月房租九千", REF).entry.type.value == "payable"
    assert extract("把欠老钱的房租九千给了", REF).entry.type.value == "payoff"
