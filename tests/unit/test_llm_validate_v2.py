"""Post-validation of what GUIDE version 2 adds: paid, category, several entries, 斤/两,
two totals, container names, the new intents, types and metrics."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest

from chains.llm.answer import (
    MAX_ENTRIES,
    MAX_LINES,
    LLMAnswer,
    LLMPatch,
    LLMQuery,
    StructuredOutputError,
    TypeName,
    understand,
)
from chains.llm.fake import canned_answer
from chains.llm.validate import to_parse, to_patch
from ledger import MONEY_TYPES, EntryType, Metric

REF = dt.date(2026, 3, 15)


def parse(text: str, **answer: Any) -> dict[str, Any]:
    return to_parse(LLMAnswer.model_validate(answer), text, REF).to_answer()


def credit(text: str, amount: Any, **more: Any) -> dict[str, Any]:
    return parse(text, intent="record", type="credit", users=["老王"], amount=amount,
                 products=[{"name": "发财树", "quantity": 100, "unit": "盆"}], **more)


def test_the_schema_speaks_the_books_vocabulary() -> None:
    assert set(get_args(TypeName)) == {t.value for t in EntryType}
    assert LLMQuery(metric="top_customers").metric == "top_customers"
    assert {"payable", "loss", "statement", "top_products"} <= set(get_args(Metric))


def test_a_said_part_payment_is_kept() -> None:
    out = credit("老王拿了100盆发财树，一共三千，先给了一千", 3000, paid="一千")
    assert out["paid"] == 1000 and out["missing"] == []


def test_an_invented_part_payment_is_dropped_and_asked_for() -> None:
    out = credit("老王拿了100盆发财树，一共三千，给了一点，剩下欠着", 3000, paid=500)
    assert out["paid"] is None and out["missing"] == ["paid"]


def test_half_and_the_rest_derive_what_was_paid() -> None:
    assert credit("老王拿了100盆发财树，一共三千，付了一半", 3000, paid=1500)["paid"] == 1500
    assert credit("老王拿了100盆发财树，一共三千，还差八百", 3000, paid=2200)["paid"] == 2200
    assert credit("老王拿了100盆发财树，一共三千，剩下八百月底给", 3000, paid=2200)["paid"] == 2200
    # the rest must be said as a rest: 2200 is not 三千 less anything the message owes
    assert credit("老王拿了100盆发财树，一共三千，带了八百的筐", 3000, paid=2200)["paid"] is None
    # paid and owed swapped: 三千 was paid, the rest is not said
    out = credit("老王拿了100盆发财树，一共九千，先给了三千，剩下欠着", 9000, paid=6000)
    assert out["paid"] is None and out["missing"] == ["paid"]


def test_paid_more_than_the_whole_price_is_not_a_part_payment() -> None:
    out = credit("老王拿了100盆发财树，一共三千，给了五千", 3000, paid=5000)
    assert out["paid"] is None and out["missing"] == ["paid"]
    out = credit("老王拿了100盆发财树，一共三千，剩下欠着", 3000, paid=3000)
    assert out["paid"] is None and out["missing"] == ["paid"]


def test_no_paid_key_means_nothing_was_paid_and_null_means_ask() -> None:
    assert credit("老王赊了100盆发财树，一共三千", 3000)["paid"] == 0
    assert credit("老王赊了100盆发财树，一共三千，给了点", 3000, paid=None)["missing"] == ["paid"]
    # null where no payment is spoken of: nothing was paid, nothing to ask
    assert credit("老王赊了100盆发财树，一共三千", 3000, paid=None)["paid"] == 0


def test_paid_belongs_only_to_credit_and_payable() -> None:
    out = parse("卖给老王100盆发财树，一共三千", intent="record", type="income", users=["老王"],
                amount=3000, paid=1000)
    assert "paid" not in out


def test_a_category_only_as_the_message_words_it() -> None:
    out = parse("付了运费150", intent="record", type="expense", amount=150, category="运费")
    assert out["category"] == "运费"
    assert parse("付了运费150", intent="record", type="expense", amount=150,
                 category="物流费")["category"] is None
    assert parse("付了运费150", intent="record", type="expense", amount=150,
                 category="运费150")["category"] is None  # a purpose, without its amount
    assert parse("交了半年房租一万八", intent="record", type="expense", amount=18000,
                 category="房租")["category"] == "房租"


def test_each_entry_is_checked_on_its_own() -> None:
    text = "卖给老李50盆绿萝每盆三块，另外付了运费三十"
    out = parse(text, intent="record", entries=[
        {"type": "income", "users": ["老李"], "amount": 150,
         "products": [{"name": "绿萝", "quantity": 50, "unit": "盆", "unit_price": 3}]},
        {"type": "expense", "users": ["老周"], "amount": 300, "category": "运费"},
    ])
    first, second = out["entries"]
    assert first["amount"] == 150 and first["missing"] == []
    assert second["users"] == [] and second["amount"] is None and second["missing"] == ["amount"]


def test_a_flat_answer_and_an_entries_list_of_one_read_the_same() -> None:
    entry = {"type": "borrow", "users": ["老李"], "containers": [{"name": "筐", "quantity": 20}]}
    flat = parse("老李拿走了20个筐", intent="record", **entry)
    listed = parse("老李拿走了20个筐", intent="record", entries=[entry])
    assert flat == listed and flat["containers"] == [{"name": "筐", "quantity": 20}]


def test_a_repeated_entry_is_booked_once() -> None:
    entry = {"type": "income", "users": ["老李"], "amount": 150,
             "products": [{"name": "绿萝", "quantity": 50, "unit": "盆", "unit_price": 3}]}
    out = parse("卖给老李50盆绿萝每盆三块", intent="record", entries=[entry, entry])
    assert "entries" not in out and out["amount"] == 150


def test_too_many_entries_or_products_are_not_a_reading_of_a_message() -> None:
    many = [{"name": "千叶", "quantity": 1}] * (MAX_LINES + 1)
    with pytest.raises(StructuredOutputError):
        understand(canned_answer({"intent": "record", "products": many}), LLMAnswer)
    entries = [{"type": "income", "amount": 1}] * (MAX_ENTRIES + 1)
    with pytest.raises(StructuredOutputError):
        understand(canned_answer({"intent": "record", "entries": entries}), LLMAnswer)


def test_a_product_the_message_does_not_name_is_dropped() -> None:
    out = parse("卖给老李一批千叶，一共五百", intent="record", type="income", users=["老李"],
                amount=500, products=[{"name": "千叶"}, {"name": "发财树", "quantity": 5}])
    assert [p["name"] for p in out["products"]] == ["千叶"]


def test_container_names_are_plain_and_said() -> None:
    out = parse("张姐把借的8个框还回来了", intent="record", type="return", users=["张姐"],
                containers=[{"name": "筐", "quantity": 8}, {"name": "托盘", "quantity": 3}])
    assert out["containers"] == [{"name": "筐", "quantity": 8}]


@pytest.mark.parametrize(("text", "quantity"), [
    ("老王买了12斤8两带鱼", 12.8), ("卖了一斤半牛肉", 1.5), ("买了半斤虾仁", 0.5),
    ("三斤二两虾死了", 3.2),
])
def test_weights_in_jin_and_liang(text: str, quantity: float) -> None:
    name = next(n for n in ("带鱼", "牛肉", "虾仁", "虾") if n in text)
    out = parse(text, intent="record", type="loss",
                products=[{"name": name, "quantity": quantity, "unit": "斤"}])
    assert out["products"][0]["quantity"] == quantity
    out = parse(text, intent="record", type="loss",
                products=[{"name": name, "quantity": quantity + 1, "unit": "斤"}])
    assert out["products"][0]["quantity"] is None


def test_with_two_totals_the_charged_one_wins_and_the_price_uses_the_first() -> None:
    out = parse("卖给老李100斤苹果，一共两千，抹了零头收一千九", intent="record", type="income",
                users=["老李"], amount=1900,
                products=[{"name": "苹果", "quantity": 100, "unit": "斤", "unit_price": 20}])
    assert out["amount"] == 1900 and out["products"][0]["unit_price"] == 20


@pytest.mark.parametrize("intent", ["edit", "delete"])
def test_edit_and_delete_carry_only_the_intent(intent: str) -> None:
    assert parse("把昨天老李那笔改成3000", intent=intent, amount=3000) == {"intent": intent}


def test_a_patch_keeps_a_said_payment_and_category() -> None:
    p = to_patch(LLMPatch(paid=800, category="运费"), "先付了八百", REF)
    assert p.paid == 800 and p.category is None
    assert to_patch(LLMPatch(paid=0), "一分没给", REF).paid == 0
    assert to_patch(LLMPatch(paid=500), "给了一点", REF).paid is None


def test_the_schema_reads_the_shapes_models_write() -> None:
    answer = LLMAnswer.model_validate({
        "intent": " Record", "type": "Payable", "users": "老赵", "products": None,
        "containers": None, "missing": None, "entries": None, "amount": "八百",
    })
    assert answer.intent == "record" and answer.type == "payable"
    assert answer.users == ["老赵"] and answer.products == [] and answer.entries == []
    one = LLMAnswer.model_validate({"intent": "record", "entries": {"type": "loss"}})
    assert [e.type for e in one.records()] == ["loss"]
    assert LLMQuery.model_validate({"metric": "Statement", "users": None}).users == []


def test_the_guide_shapes_of_loss_payoff_and_fees() -> None:
    loss = parse("老李那边送来的桃子烂了三箱，损失两百四", intent="record", type="loss",
                 users=["老李"], amount=240, products=[{"name": "桃子", "quantity": 3}])
    assert loss["users"] == [] and loss["missing"] == []
    payoff = parse("给老赵结了上个月的月季货款八千", intent="record", type="payoff",
                   users=["老赵"], amount=8000, products=[{"name": "月季"}])
    assert payoff["products"] == [] and payoff["amount"] == 8000
    goods = parse("买化肥花了800", intent="record", type="expense", amount=800,
                  products=[{"name": "化肥"}], category="化肥")
    assert goods["category"] is None


INVENTED = "钱老板娘"  # a name no dev line says
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"
RECORDS = [d for d in map(json.loads, DEV.read_text(encoding="utf-8").splitlines())
           if d["gold"]["intent"] == "record"]


def invent(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with a value the message does not say in every field that holds one."""
    def off(x: Any) -> Any:
        return None if x is None else x + 0.37  # cents no vendor says

    return {**entry, "amount": off(entry["amount"]), "paid": off(entry.get("paid", 0)),
            "users": [*entry["users"], INVENTED], "category": "物流服务费",
            "products": [{**p, "quantity": off(p["quantity"])} for p in entry["products"]]}


@pytest.mark.parametrize("item", RECORDS, ids=lambda item: item["id"])
def test_invented_values_never_reach_the_books(item: dict[str, Any]) -> None:
    gold = item["gold"]
    golds = gold.get("entries", [gold])
    answer = {"intent": "record", "entries": [invent(e) for e in golds]}
    out = to_parse(LLMAnswer.model_validate(answer), item["text"],
                   dt.date.fromisoformat(item["ref_date"]))
    for got, want in zip(out.entries, golds, strict=True):
        assert INVENTED not in got.users and got.category is None
        assert got.amount is None or got.amount == Decimal(str(want["amount"]))
        assert got.paid in (None, Decimal(0)) or got.paid == Decimal(str(want.get("paid")))
        assert all(p.quantity is None for p in got.products)
        if got.amount is None and got.type in MONEY_TYPES:
            assert "amount" in got.missing  # dropped, so asked
