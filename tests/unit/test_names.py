"""The name matcher (handlers/names.py): which said names are a saved counterparty, which
may be and are asked about, and which are someone else."""

from __future__ import annotations

import pytest

from handlers.draft import NameQuestion
from handlers.name_reply import read_answer
from handlers.names import Kind, compare, read, resolve


@pytest.mark.parametrize(
    ("name", "qualifier", "person", "household"),
    [
        ("超市周经理", "超市", "周经理", False),
        ("花店小王", "花店", "小王", False),
        ("东门菜场老刘", "东门菜场", "老刘", False),
        ("老陈家", "", "老陈", True),
        ("王老板", "", "王老板", False),
        ("老李头", "", "老李头", False),
        ("阿香", "", "阿香", False),
        ("香姐", "", "香姐", False),
        ("老欧阳", "", "老欧阳", False),
        ("欧阳经理", "", "欧阳经理", False),
        ("周建国", "", "周建国", False),
    ],
)
def test_a_name_reads_as_qualifier_person_and_household(
    name: str, qualifier: str, person: str, household: bool
) -> None:
    n = read(name)
    assert (n.qualifier, n.person, n.household) == (qualifier, person, household)


@pytest.mark.parametrize("name", ["老板", "对面饭店老板", "对面饭店老板娘", "散客", "李"])
def test_a_title_or_a_shop_alone_has_no_person_part(name: str) -> None:
    assert read(name).core == ""


@pytest.mark.parametrize(
    ("said", "saved", "kind"),
    [
        # the same person, said without the place or trade
        ("周经理", "超市周经理", Kind.SAME),
        ("小王", "花店小王", Kind.SAME),
        ("老刘", "东门菜场老刘", Kind.SAME),
        # the person or the household; a place said that the book does not have
        ("老陈", "老陈家", Kind.MAYBE),
        ("老陈家", "老陈", Kind.MAYBE),
        ("周经理", "超市周经理家", Kind.MAYBE),
        ("超市周经理", "周经理", Kind.MAYBE),
        # another form of address for one core
        ("李哥", "老李", Kind.MAYBE),
        ("王老板", "老王", Kind.MAYBE),
        ("周总", "周经理", Kind.MAYBE),
        # different people
        ("超市周经理", "药店周经理", None),
        ("小李", "老李", None),
        ("李姐", "李哥", None),
        ("小王", "王哥", None),
        ("老李", "老王", None),
        ("周建国", "超市周经理", None),
        ("周经理", "周建国", None),
        ("老板", "对面饭店老板", None),
        ("李哥", "花店老李", Kind.MAYBE),  # no place said: may be the one with a place
    ],
)
def test_compare(said: str, saved: str, kind: Kind | None) -> None:
    assert compare(said, saved) is kind


def test_resolve_settles_exact_alias_and_one_shortened_name() -> None:
    saved = {"超市周经理", "老李", "老陈家"}
    assert resolve("老李", saved, {}).name == "老李"
    assert resolve("李哥", saved, {"李哥": "老李"}).name == "老李"
    r = resolve("周经理", saved, {})
    assert (r.name, r.changed) == ("超市周经理", True)
    assert resolve("老王", saved, {}).name == "老王"  # someone new


def test_resolve_asks_when_unsure_or_several() -> None:
    r = resolve("老陈", {"老陈家"}, {})
    assert (r.name, r.candidates) == (None, ("老陈家",))
    r = resolve("周经理", {"超市周经理", "药店周经理", "老李"}, {})
    assert r.name is None and set(r.candidates) == {"超市周经理", "药店周经理"}
    # a sure match and a possible one: still asked, the sure one first
    r = resolve("周经理", {"超市周经理", "周总"}, {})
    assert r.candidates == ("超市周经理", "周总")


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [("是", "老陈家"), ("对的。", "老陈家"), ("是老陈家", "老陈家"), ("老陈家", "老陈家"),
     ("不是", "老陈"), ("不是，是新的", "老陈"), ("老陈", "老陈"), ("今天卖了多少", None),
     ("2", None)],
)
def test_an_answer_about_one_name(answer: str, chosen: str | None) -> None:
    q = NameQuestion(said="老陈", candidates=("老陈家",))
    assert read_answer(answer, q) == chosen


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [("1", "药店周经理"), ("第二个", "超市周经理"), ("2号", "超市周经理"), ("3", "周经理"),
     ("都不是", "周经理"), ("超市周经理", "超市周经理"), ("是", None), ("4", None)],
)
def test_an_answer_picking_among_several(answer: str, chosen: str | None) -> None:
    q = NameQuestion(said="周经理", candidates=("药店周经理", "超市周经理"))
    assert read_answer(answer, q) == chosen
