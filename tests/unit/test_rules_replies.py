"""How the rules read a reply to a waiting card or question (dialogue version 2): fields
restated by name, answers in another form than asked, which way a doubt goes, and replies
that are new entries rather than answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from chains.rules import extract, rest_owed_said
from chains.schemas import ExtractContext, Intent
from ledger import EntryType

REF = dt.date(2026, 12, 1)
CARD = ExtractContext(has_draft=True)
YESTERDAY = dt.date(2026, 11, 30)


def patch_of(text: str, context: ExtractContext = CARD) -> dict[str, Any]:
    parse = extract(text, REF, context)
    assert parse.intent is Intent.CORRECT, (text, parse)
    assert parse.patch is not None
    return parse.patch.model_dump(exclude_none=True)


@pytest.mark.parametrize(("text", "patch"), [
    ("单价是2块5", {"unit_price": Decimal("2.5")}),
    ("单价是25", {"unit_price": Decimal(25)}),
    ("价格应该是三块", {"unit_price": Decimal(3)}),
    ("不对，单价是25", {"unit_price": Decimal(25)}),
    ("数量是200", {"quantity": Decimal(200)}),
    ("数量是两百盆", {"quantity": Decimal(200), "unit": "盆"}),
    ("金额是800", {"amount": Decimal(800)}),
    ("总价八百", {"amount": Decimal(800)}),
    ("已付五百", {"paid": Decimal(500)}),
    ("日期是昨天", {"date": YESTERDAY}),
    ("时间是昨天", {"date": YESTERDAY}),
    ("对方是老王", {"users": ["老王"]}),
    ("客户是花店小陈", {"users": ["花店小陈"]}),
    ("商品是月季", {"product": "月季"}),
    ("用途是运费", {"category": "运费"}),
    ("类型是支出", {"type": EntryType.EXPENSE}),
    ("单价3块，数量200", {"unit_price": Decimal(3), "quantity": Decimal(200)}),
    ("日期是昨天，单价是两块", {"date": YESTERDAY, "unit_price": Decimal(2)}),
    ("筐是十二个", {"container_quantity": Decimal(12)}),
    ("单位是斤", {"unit": "斤"}),
])
def test_a_field_restated_by_name_is_that_field(text: str, patch: dict[str, Any]) -> None:
    assert patch_of(text) == patch


@pytest.mark.parametrize(("text", "patch"), [
    ("第二笔是60", {"entry": 1, "amount": Decimal(60)}),
    ("第一笔单价3块", {"entry": 0, "unit_price": Decimal(3)}),
    ("第2笔的金额是八十", {"entry": 1, "amount": Decimal(80)}),
    ("第三笔数量是十", {"entry": 2, "quantity": Decimal(10)}),
])
def test_one_entry_of_a_multi_entry_card(text: str, patch: dict[str, Any]) -> None:
    assert patch_of(text) == patch


@pytest.mark.parametrize(("text", "kind"), [
    ("是支出", EntryType.EXPENSE), ("这是亏的", EntryType.LOSS), ("是赊的", EntryType.CREDIT),
    ("是收入", EntryType.INCOME), ("是退款", EntryType.REFUND), ("是赊进的", EntryType.PAYABLE),
    ("是还款", EntryType.PAYOFF), ("是结账", EntryType.SETTLE), ("是损耗", EntryType.LOSS),
    ("不对，是从老王那进的货", EntryType.EXPENSE),
])
def test_the_type_restated(text: str, kind: EntryType) -> None:
    assert patch_of(text)["type"] is kind


@pytest.mark.parametrize(("text", "patch"), [
    ("是月季不是千叶", {"replace_product": ("千叶", "月季")}),
    ("不是千叶是月季", {"replace_product": ("千叶", "月季")}),
    ("是老王", {"users": ["老王"]}),
    ("是昨天的", {"date": YESTERDAY}),
])
def test_other_restatements(text: str, patch: dict[str, Any]) -> None:
    assert patch_of(text) == patch


ASK_AMOUNT = ExtractContext(has_draft=True, asking="amount")


@pytest.mark.parametrize(("text", "patch"), [
    ("一盆两块", {"unit_price": Decimal(2)}),
    ("两块一盆", {"unit_price": Decimal(2)}),
    ("每斤三块五", {"unit_price": Decimal("3.5")}),
    ("35盆", {"quantity": Decimal(35), "unit": "盆"}),
    ("一共三百", {"amount": Decimal(300)}),
    ("300", {"amount": Decimal(300)}),
    ("老李", {"users": ["老李"]}),
    ("昨天", {"date": YESTERDAY}),
    ("不知道", {"unknown": True}),
    ("没算", {"unknown": True}),
    ("忘了", {"unknown": True}),
])
def test_the_total_asked_answered_in_any_form(text: str, patch: dict[str, Any]) -> None:
    assert patch_of(text, ASK_AMOUNT) == patch


@pytest.mark.parametrize(("text", "paid"), [
    ("付了五百", Decimal(500)), ("五百", Decimal(500)), ("没付", Decimal(0)),
    ("一分没给", Decimal(0)),
])
def test_what_was_paid_asked(text: str, paid: Decimal) -> None:
    assert patch_of(text, ExtractContext(has_draft=True, asking="paid")) == {"paid": paid}


@pytest.mark.parametrize("text", [
    "老李拿走了二十个筐", "老王结账五百", "给老赵结了一千", "付了运费150", "交了摊位费三百",
    "卖给老王两百盆绿萝",
])
def test_a_new_entry_is_never_taken_as_the_answer(text: str) -> None:
    assert extract(text, REF, ASK_AMOUNT).intent is Intent.RECORD
    assert extract(text, REF, CARD).intent is Intent.RECORD


@pytest.mark.parametrize(("text", "choosing", "patch"), [
    ("抹零了", "short", {"short": "discount"}),
    ("便宜他了", "short", {"short": "discount"}),
    ("还欠着", "short", {"short": "owed"}),
    ("下次给", "short", {"short": "owed"}),
    ("预付", "overpaid", {"overpaid": "advance"}),
    ("先存在我这", "overpaid", {"overpaid": "advance"}),
    ("又拿了货", "overpaid", {"overpaid": "sale"}),
    ("进货", "overpaid", {"overpaid": "sale"}),
])
def test_which_way_a_doubt_goes(text: str, choosing: Any, patch: dict[str, Any]) -> None:
    assert patch_of(text, ExtractContext(has_draft=True, choosing=choosing)) == patch


def test_doubt_words_mean_nothing_without_the_question() -> None:
    # 还欠着 restates the type of a card that asks nothing
    assert patch_of("还欠着") == {"type": EntryType.CREDIT}


@pytest.mark.parametrize(("text", "said"), [
    ("一共750，给了七百", False), ("一共三百，给了一百五", False),
    ("一共750，给了七百，剩下欠着", True), ("先付了五百定金", True), ("还差五十", True),
])
def test_whether_the_rest_is_said_to_be_owed(text: str, said: bool) -> None:
    assert rest_owed_said(text) is said


def test_the_rest_of_a_debt_handed_over_is_a_settle() -> None:
    for text in ("超市周经理把剩下的七百给了", "老李把剩下的三百付了", "老王余款五百给了"):
        parse = extract(text, REF)
        assert [e.type for e in parse.entries] == [EntryType.SETTLE], text
