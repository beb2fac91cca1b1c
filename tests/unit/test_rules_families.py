"""Issue #12's families of unseen errors, each in phrasings found in no labelled set: the
rule must hold for the family, not for the line it was found on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chains.rules import extract
from ledger import EntryType

REF = dt.date(2026, 5, 12)


def goods(text: str) -> list[tuple[str, Decimal | None, str | None, Decimal | None]]:
    entry = extract(text, REF).entry
    return [(p.name, p.quantity, p.unit, p.unit_price) for p in entry.products]


@pytest.mark.parametrize(("text", "expected"), [
    ("苹果十斤一箱，卖了五箱，一箱四十", ("苹果", 5, "箱", 40)),
    ("花生油五升一桶，老李拿了三桶，一桶九十", ("花生油", 3, "桶", 90)),
    ("土鸡蛋三十个一板的，卖了四板，一板三十六", ("土鸡蛋", 4, "板", 36)),
])
def test_a_pack_size_said_before_the_count_is_not_the_quantity(
        text: str, expected: tuple[str, int, str, int]) -> None:
    assert goods(text) == [(expected[0], Decimal(expected[1]), expected[2],
                            Decimal(expected[3]))]


def test_a_clause_opened_by_again_keeps_the_one_who_acted_before() -> None:
    parse = extract("老张结了上个月的两千，又拿了五斤排骨一斤三十", REF)
    assert [(e.type, e.users) for e in parse.entries] == [
        (EntryType.SETTLE, ("老张",)), (EntryType.INCOME, ("老张",))]


def test_goods_gone_bad_after_a_sale_have_no_counterparty_to_keep() -> None:
    parse = extract("卖给老李五十斤苹果一斤三块，又烂了五斤", REF)
    assert [e.type for e in parse.entries] == [EntryType.INCOME, EntryType.LOSS]
    assert parse.entries[1].users == ()


@pytest.mark.parametrize(("text", "name"), [
    ("小单拿了两箱梨，一箱五十", "小单"),  # 小单 is also "a small order"
    ("小钱买了三斤葡萄，一斤十块", "小钱"),  # and 小钱 "small money"
])
def test_a_name_that_is_also_a_word_is_a_person_when_it_acts(text: str, name: str) -> None:
    assert extract(text, REF).entry.users == (name,)


def test_small_money_is_still_no_person() -> None:
    assert extract("今天零售赚了点小钱，收了三百", REF).entry.users == ()


@pytest.mark.parametrize(("text", "name"), [
    ("小芳在我这买了三斤虾，一斤四十", "小芳"),
    ("王芳在我家店里买了两箱苹果，一箱八十", "王芳"),
])
def test_buying_at_my_place_is_a_sale_to_whoever_bought(text: str, name: str) -> None:
    parse = extract(text, REF)
    assert (parse.entry.type, parse.entry.users) == (EntryType.INCOME, (name,))
    assert parse.confidence >= 0.75


@pytest.mark.parametrize("text", [
    "小周发来二十箱橙子，一箱五十，钱回头给他",
    "老韩寄过来五十斤茶叶，一斤两百，还没给他钱",
])
def test_goods_that_came_to_me_with_my_money_still_owed_are_payable(text: str) -> None:
    assert extract(text, REF).entry.type is EntryType.PAYABLE


@pytest.mark.parametrize(("text", "kind"), [
    ("老郭还欠两百块的肉钱", EntryType.CREDIT),
    ("我欠老孟五百块的货钱", EntryType.PAYABLE),
    ("老郭把欠的两百块肉钱还了", EntryType.SETTLE),
])
def test_a_debt_said_with_no_money_moving_is_the_debt_not_its_payment(
        text: str, kind: EntryType) -> None:
    assert extract(text, REF).entry.type is kind


def test_goods_in_what_a_person_sells_for_a_living_are_not_traded() -> None:
    parse = extract("卖菜的老吴要了两斤蒜，一斤六块", REF)
    assert parse.entry.users == ("老吴",)
    assert [p.name for p in parse.entry.products] == ["蒜"]
    parse = extract("卖鱼的阿明那进了三十斤鲈鱼，一斤二十", REF)
    assert (parse.entry.type, parse.entry.users) == (EntryType.EXPENSE, ("阿明",))
    assert [p.name for p in parse.entry.products] == ["鲈鱼"]


def test_selling_to_someone_described_by_place_is_still_a_sale() -> None:
    parse = extract("卖给湖南的老谭三十斤腊肉，一斤四十", REF)
    assert (parse.entry.type, parse.entry.users) == (EntryType.INCOME, ("老谭",))
    assert parse.confidence >= 0.75


def test_a_state_after_a_vague_count_is_no_goods_name() -> None:
    parse = extract("退给老邵二十块，鸡蛋有几个破的", REF)
    assert [p.name for p in parse.entry.products] == ["鸡蛋"]


@pytest.mark.parametrize(("text", "kind"), [
    ("老韦结帐了，给了八百", EntryType.SETTLE),
    ("小蒋拿了五斤牛肉先记帐，一斤四十", EntryType.CREDIT),
])
def test_the_older_written_account_word_is_the_account(text: str, kind: EntryType) -> None:
    assert extract(text, REF).entry.type is kind


def test_a_mosquito_net_stays_goods() -> None:
    assert [p.name for p in extract("卖了三顶蚊帐，一顶四十", REF).entry.products] == ["蚊帐"]


@pytest.mark.parametrize(("text", "name"), [
    ("卖给老付五十斤鸭梨一斤两块", "鸭梨"),
    ("进了二十斤花生米，一斤八块", "花生米"),
])
def test_a_compound_of_two_goods_words_is_one_name(text: str, name: str) -> None:
    assert [p.name for p in extract(text, REF).entry.products] == [name]


def test_two_goods_said_back_to_back_stay_two() -> None:
    names = [p.name for p in extract("卖了二十斤苹果三斤香蕉，苹果五块香蕉三块",
                                     REF).entry.products]
    assert names == ["苹果", "香蕉"]


def test_a_goods_word_that_is_also_a_name_is_a_person_taking_counted_goods() -> None:
    parse = extract("小麦拿了两箱牛奶一箱六十", REF)
    assert parse.entry.users == ("小麦",)
    assert extract("进了三百斤小麦，一斤一块四", REF).entry.users == ()


def test_goods_opening_like_a_time_unit_are_counted_by_ge() -> None:
    assert goods("订了一千个月饼，一个三块") == [("月饼", Decimal(1000), "个", Decimal(3))]
    assert extract("三个月的摊位费两千四", REF).entry.products == ()


def test_a_person_named_after_a_description_joined_by_de_is_found() -> None:
    parse = extract("豆腐坊的小包送来四十板豆腐，一板十块，钱已经给了", REF)
    assert (parse.entry.type, parse.entry.users) == (EntryType.EXPENSE, ("小包",))


@pytest.mark.parametrize(("text", "kind"), [
    ("超市周经理把剩下的七百给了", EntryType.SETTLE),
    ("把剩下的三千给老赵结了", EntryType.PAYOFF),
])
def test_the_rest_of_a_debt_paid_now_settles_it(text: str, kind: EntryType) -> None:
    assert extract(text, REF).entry.type is kind


def test_the_rest_still_to_come_keeps_a_sale_on_credit() -> None:
    entry = extract("卖给老李十箱苹果一箱一百，给了五百，剩下的月底给", REF).entry
    assert (entry.type, entry.amount, entry.paid) == (EntryType.CREDIT, 1000, 500)
