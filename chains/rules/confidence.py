"""How sure the rules are: lower when they guessed or left words unexplained.

Hybrid mode sends the lines below `extractor.hybrid_threshold` to the LLM and the card
warns on them, so a confident wrong answer is the worst kind. Each sign of a misread
costs enough to cross the threshold on its own: a guess (a pairing of names and counts,
people acting in clauses of their own booked as one entry), a type no cue decided or cues
of both directions, an amount no rule placed, characters where a name stands that no
rule read as one (胖子拿了). Smaller costs add up: goods named away from their count, a
known goods word no product took, a share of text no rule explains.
"""

from __future__ import annotations

import re

from chains.rules.analysis import Analysis
from chains.rules.lexicon import (
    DEBT_PAID_RE,
    GOODS,
    GOODS_TAKEN_RE,
    LOSS_RE,
    MY_PLACE,
    SALE_RE,
    UNNAMED_PEOPLE,
)
from chains.rules.message import FREE
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.names import STOP_RE

_GOODS_WORDS = frozenset(GOODS)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_MY_PLACE_RE = re.compile(MY_PLACE)
# Words that explain nothing but are not a sign of a misread either.
_PEOPLE = (*UNNAMED_PEOPLE, "人", "位")
_HARMLESS = set("的了吧呢啊呀吗嘛着过我他她你这那是也都就又还再先给把被从在和跟一共总")


def score(a: Analysis, *, kind_sure: bool, missing: int, unusual: bool = False) -> float:
    """`unusual`: a type read from fewer cues than a sale (payoff, refund); worth a second
    look, not a doubt."""
    value = 0.95
    value -= 0.21 * a.msg.guesses
    if not kind_sure:
        value -= 0.25
    if unusual:
        value -= 0.08
    value -= 0.08 * sum(1 for i in a.items if i.weak)
    value -= 0.05 * missing
    value -= 0.25 * unplaced_numbers(a)
    value -= 0.3 * leftover_ratio(a)
    value -= 0.1 * stray_goods(a)
    value -= 0.21 * unclaimed_subjects(a)
    value -= 0.21 * clipped_names(a)
    value -= 0.21 * second_events(a)
    return round(min(max(value, 0.05), 0.99), 2)


def unplaced_numbers(a: Analysis) -> int:
    """Money or counts no rule used (按进价四十算, a count with no goods): a misread sign.
    A count of people (一个老顾客, 两个小工) counts no goods and is no misread."""
    text = a.msg.text
    return sum(1 for t in a.tokens if not t.used and t.value is not None and not t.weak
               and (t.is_money_like or t.is_product_qty)
               and not (t.is_product_qty and text.startswith(_PEOPLE, t.end)))


# Deeds whose subject is a person (拿了, 送来): the words right before one are a name.
_DEED_RE = re.compile(r"拿了|买了|要了|赊了|订了|借了|拿走|拉走|送来|送了|拉来|发来|称了|把")
_NOT_SUBJECT = set("的了我他她你这那也都就又还再先刚今昨前天早晚上下午又来去")


def unclaimed_subjects(a: Analysis) -> int:
    """小包送来… with 小包 read as no one: two unclaimed characters right before a deed
    done by a person are likely a name the rules missed."""
    text = a.msg.text
    loose = _unexplained(a)
    missed = 0
    for m in _DEED_RE.finditer(text):
        at = m.start()
        lead = _WHEN_RE.search(text, 0, at)
        if lead is not None and lead.end() == at:
            at = lead.start()  # 陈生今日拿了: a day between the name and the deed
        head = range(at - 2, at)
        if at >= 2 and all(loose[i] and text[i] not in _NOT_SUBJECT for i in head):
            missed += 1
    if not a.people:  # 卖给陈生三箱: the one a deal was with, unread
        for m in _TO_WHOM_RE.finditer(text):
            tail = range(m.end(), m.end() + 2)
            if m.end() + 2 <= len(text) and all(
                    loose[i] and text[i] not in _NOT_SUBJECT for i in tail):
                missed += 1
    return missed


_WHEN_RE = re.compile(
    r"(?:今天|今日|今儿个?|今朝|昨天|昨日|琴日|前天|刚才|刚刚|早上|上午|下午|晚上)$")
_TO_WHOM_RE = re.compile(r"卖给|批给|赊给|借给")


def _unexplained(a: Analysis) -> list[bool]:
    """Per character: Chinese that no rule claimed and no cue word (nor unnamed person,
    客人, 有人) explains; a known goods word no product took counts as unexplained."""
    text, labels = a.msg.text, a.msg.labels
    explained = [label not in (FREE, GOODS_LABEL) for label in labels]
    for regex in (STOP_RE, _MY_PLACE_RE):
        for m in regex.finditer(text):
            for i in range(m.start(), m.end()):
                explained[i] = True
    return [not done and bool(_CJK_RE.match(ch)) and ch not in _HARMLESS
            for ch, done in zip(text, explained, strict=True)]


def stray_goods(a: Analysis) -> int:
    """Known goods words no product took (鸭|梨 cut to 鸭, 卖鸭子的老葛): a name misread."""
    text, labels = a.msg.text, a.msg.labels
    named = {i.name for i in a.items}
    stray = 0
    i = 0
    while i < len(labels):
        if labels[i] != GOODS_LABEL:
            i += 1
            continue
        end = i
        while end < len(labels) and labels[end] == GOODS_LABEL and (
                end == i or end not in a.msg.joints):
            end += 1
        # a product said again (月季三块) or the money for goods (带鱼钱) is explained
        if text[i:end] not in named and not text.startswith(("钱", "的钱"), end):
            stray += 1
        i = end
    return stray


def leftover_ratio(a: Analysis) -> float:
    """Share of the message's Chinese characters that no rule claimed nor knows as a cue."""
    total = len(_CJK_RE.findall(a.msg.text))
    return sum(_unexplained(a)) / total if total else 1.0


def clipped_names(a: Analysis) -> int:
    """Goods names with unread characters glued to them (鸡|饲料, 冬|装, 早市|豆腐): the
    name was likely cut out of a longer word the rules do not know."""
    loose = _unexplained(a)
    clipped = 0
    for item in a.items:
        if item.name_span is None:
            continue
        start, end = item.name_span
        before = start >= 2 and loose[start - 1] and loose[start - 2]
        after = end < len(loose) and loose[end]
        # 冬|装: one character no goods word knows, cut before a cue character
        lone = end - start == 1 and item.name not in _GOODS_WORDS and end < len(loose) \
            and _CJK_RE.match(a.msg.text[end]) is not None
        clipped += bool(before or after or lone)
    return clipped


# 又买了 / 又拿了: a further deal in the same breath.
_AGAIN_DEED_RE = re.compile(r"[又再](?:" + GOODS_TAKEN_RE.pattern + "|" + SALE_RE.pattern + ")")


def second_events(a: Analysis) -> int:
    """Signs of another event inside text read as one (死了两斤…卖给黄姐, 赊了…他把这三十六块
    结了, 退了一斤…又买了三斤): goods taken and then a debt paid, or two goods read with a
    deed of another kind or 又买了 between them."""
    text = a.msg.text
    taken = GOODS_TAKEN_RE.search(text)
    if taken and DEBT_PAID_RE.search(text, taken.end()):
        return 1
    if len(a.items) < 2:
        return 0
    kinds = sum(bool(r.search(text)) for r in (LOSS_RE, SALE_RE))
    return int(kinds >= 2 or bool(_AGAIN_DEED_RE.search(text)))
