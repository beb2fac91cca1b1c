"""Which way a debt question points: what I owe (payable), or what is owed to me."""

from __future__ import annotations

import datetime as dt

import pytest

from chains.rules import extract
from chains.schemas import Intent

REF = dt.date(2026, 12, 1)


def metric(text: str) -> str:
    parse = extract(text, REF)
    assert parse.intent is Intent.QUERY and parse.query is not None, text
    return parse.query.metric


@pytest.mark.parametrize(
    "text", ["我欠老赵多少", "我还欠老赵多少钱", "我一共欠多少", "该给老赵多少", "我该给老赵多少",
             "欠供货商多少", "应付一共多少"],
)
def test_my_debts(text: str) -> None:
    assert metric(text) == "payable"


@pytest.mark.parametrize(
    "text", ["老王还欠我多少钱", "老王该给我多少", "谁还欠我钱", "老李还欠多少", "老王欠我多少"],
)
def test_debts_to_me(text: str) -> None:
    assert metric(text) == "receivable"
