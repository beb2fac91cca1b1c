"""Entries: types, counterparties, products, prices, totals and what must be asked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from chains.rules import extract
from chains.schemas import ExtractContext, Intent, Parse
from ledger import EntryType

REF = dt.date(2026, 5, 20)


def parse(text: str, context: ExtractContext | None = None) -> Parse:
    result = extract(text, REF, context)
    assert result.intent is Intent.RECORD, (text, result.intent)
    return result


def goods(p: Parse) -> list[tuple[str, object, object, object]]:
    def num(v: Decimal | None) -> object:
        return None if v is None else float(v)

    return [(x.name, num(x.quantity), x.unit, num(x.unit_price)) for x in p.entry.products]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("卖给老李五千盆千叶，一共一万", EntryType.INCOME),
        ("老王买了200盆绿萝每盆3块", EntryType.INCOME),
        ("今天零售收了860", EntryType.INCOME),
        ("从老张那进了300盆月季每盆1块5", EntryType.EXPENSE),
        ("买化肥花了800", EntryType.EXPENSE),
        ("今天一共进了三千块钱的货", EntryType.EXPENSE),
        ("老王赊了100盆发财树，每盆12，钱下个月给", EntryType.CREDIT),
        ("张姐拿了80盆红掌，记她账上", EntryType.CREDIT),
        ("老孙拿了两百斤土豆，说下回一起算", EntryType.CREDIT),
        ("小刘结账400", EntryType.SETTLE),
        ("有个老客户来还了赊的八百块", EntryType.SETTLE),
        ("老李拿走了20个筐", EntryType.BORROW),
        ("借给老王500块", EntryType.BORROW),
        ("张姐从我这借了8个周转箱，说下礼拜还", EntryType.BORROW),
        ("老李还了15个筐", EntryType.RETURN),
        ("老王还了我500", EntryType.RETURN),
        ("小美借了6个桶去装花，还没还回来", EntryType.BORROW),
    ],
)
def test_entry_type(text: str, kind: EntryType) -> None:
    assert parse(text).entry.type is kind


def test_open_price_is_not_credit() -> None:
    p = parse("嗯那个赵哥刚才买了两百扎百合就是价格还没定好")
    assert p.entry.type is EntryType.INCOME
    assert p.entry.missing == ["amount"]


@pytest.mark.parametrize(
    ("text", "users"),
    [
        ("卖给水果店老郑30箱橙子，每箱45", ["水果店老郑"]),
        ("嗯那个就是今天早上花店小王来拿了那个一百二十盆红掌总共是四千二百块", ["花店小王"]),
        ("老李跟老孙一起拉走了20个筐", ["老李", "老孙"]),
        ("周大姐找我借了三千块钱去进货", ["周大姐"]),
        ("卖了300盆绿萝给阿强，一共一千", ["阿强"]),
        ("那个王芳买了二十斤香蕉四块一斤", ["王芳"]),
        ("卖给小美绿萝100盆每盆3块", ["小美"]),
        ("有个客人拿了30盆蝴蝶兰没给钱", []),
        ("从昆明进了一批发财树，200盆，1.2万", []),
        ("雇了两个小工帮忙装车，工钱一共四百", []),
        ("付给老王运费八百", ["老王"]),
        ("卖给东北大哥老高三百斤大蒜一斤四块五", ["老高"]),
    ],
)
def test_counterparties(text: str, users: list[str]) -> None:
    assert list(parse(text).entry.users) == users


def test_known_users_help_unusual_names() -> None:
    assert parse("大刘拿了二十斤虾").entry.users == ()
    known = ExtractContext(known_users=("大刘",))
    assert parse("大刘拿了二十斤虾", known).entry.users == ("大刘",)


def test_stated_total_wins_and_price_stays() -> None:
    p = parse("卖给小孙二十箱香蕉 每箱六十 便宜他二十 收了一千一百八")
    assert p.entry.amount == Decimal(1180)
    assert goods(p) == [("香蕉", 20.0, "箱", 60.0)]


def test_discount_without_total_comes_off() -> None:
    assert parse("卖给小孙二十箱香蕉每箱六十，便宜他二十").entry.amount == Decimal(1180)


def test_round_off_without_total_is_asked() -> None:
    p = parse("卖给小孙二十箱香蕉每箱六十五块五，抹零")
    assert p.entry.amount is None and p.entry.missing == ["amount"]


def test_unit_price_derived_for_single_product_to_cents() -> None:
    assert goods(parse("卖了300盆绿萝给阿强，一共一千")) == [("绿萝", 300.0, "盆", 3.33)]


def test_several_products_one_total_keep_prices_open() -> None:
    p = parse("卖给赵哥康乃馨200枝、百合100枝，合计一千一")
    assert goods(p) == [("康乃馨", 200.0, "枝", None), ("百合", 100.0, "枝", None)]
    assert p.entry.amount == Decimal(1100)


def test_several_products_with_their_prices() -> None:
    p = parse("今天给杨姐配了一车货：发财树20盆一盆60，红掌30盆一盆三十五，绿萝100盆两块五")
    assert goods(p) == [("发财树", 20.0, "盆", 60.0), ("红掌", 30.0, "盆", 35.0),
                        ("绿萝", 100.0, "盆", 2.5)]
    assert p.entry.amount == Decimal(2500)


def test_speech_without_punctuation() -> None:
    p = parse("上午卖了二十斤苹果三斤香蕉苹果五块香蕉三块")
    assert goods(p) == [("苹果", 20.0, "斤", 5.0), ("香蕉", 3.0, "斤", 3.0)]
    assert p.entry.amount == Decimal(109)


def test_each_shares_the_count() -> None:
    p = parse("上午老周买了红掌和蝴蝶兰各二十盆")
    assert goods(p) == [("红掌", 20.0, "盆", None), ("蝴蝶兰", 20.0, "盆", None)]


def test_name_said_apart_from_its_count() -> None:
    assert goods(parse("从昆明进了一批发财树，200盆，1.2万")) == [("发财树", 200.0, "盆", 60.0)]


def test_goods_box_is_a_unit_not_a_container() -> None:
    p = parse("卖了两筐桃子给老吴 一筐一百二")
    assert p.entry.containers == () and goods(p) == [("桃子", 2.0, "筐", 120.0)]


def test_containers_out_with_a_sale() -> None:
    p = parse("卖给老李200盆绿萝，他带走了10个筐")
    assert [(c.name, float(c.quantity or 0)) for c in p.entry.containers] == [("筐", 10.0)]
    assert p.entry.type is EntryType.INCOME and p.entry.missing == ["amount"]


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("小吴要了一百来盆绿萝，三块钱一盆，当场付的", ["amount"]),
        ("好几袋土豆让老马拉走了 钱还没给", ["amount"]),
        ("今天生意不错卖了一百多块", ["amount"]),
        ("赊出去20盆君子兰，每盆三十五", ["users"]),
        ("有个客人拿了30盆蝴蝶兰没给钱，说过两天来付", ["amount", "users"]),
        ("收到一笔欠款两千", ["users"]),
        ("借出去30个周转箱", ["users"]),
        ("老李把之前的账结了", ["amount"]),
        ("今天交了水电费", ["amount"]),
        ("老李拿走了20个筐", []),
    ],
)
def test_missing_is_never_guessed(text: str, missing: list[str]) -> None:
    p = parse(text)
    assert p.entry.missing == missing
    if "amount" in missing:
        assert p.entry.amount is None


def test_vague_count_keeps_unit_but_no_quantity() -> None:
    assert goods(parse("小吴要了一百来盆绿萝，三块钱一盆")) == [("绿萝", None, "盆", 3.0)]


def test_fees_and_generic_goods_are_not_products() -> None:
    assert parse("交了这个月的摊位费一千二").entry.products == ()
    assert parse("今天一共进了三千块钱的货").entry.products == ()


def test_spans_point_into_the_original_text() -> None:
    text = "嗯那个卖给老李五千盆千叶，一共一万"
    p = parse(text)
    by_field = {s.field: s for s in p.spans}
    assert text[by_field["users"].start:by_field["users"].end] == "老李"
    assert by_field["amount"].text == "一万"
    assert by_field["products"].text == "千叶"


def test_confidence_drops_on_guesses() -> None:
    sure = parse("卖给老李五千盆千叶，一共一万").confidence
    unsure = parse("老唐 鸡蛋 三十斤 五块五一斤").confidence
    assert 0 <= unsure < sure <= 1
