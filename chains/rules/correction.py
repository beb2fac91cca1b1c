"""Corrections of the entry being confirmed: only the fields the message changes.

「不对，是3000盆」, 「单价改成2块5」, 「日期错了，应该是昨天的」, 「是老刘不是老李」,
and bare answers to the field the bot just asked for (「一共一万」 when asking amount,
「是张姐」 when asking users).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from chains.rules.amounts import cents
from chains.rules.analysis import Analysis
from chains.rules.lexicon import CONTAINER_COUNTERS
from chains.rules.people import Person
from chains.rules.tokens import NumTok
from chains.schemas import Intent, Parse, Patch
from ledger import Container, EntryType

CORRECTION_RE = re.compile(
    r"不对|错了|写错|记错|搞错|弄错|说错|改成|改为|改一下|改下|改到|换成|应该是|应为|更正|纠正|修改"
    r"|不是.{1,10}是|是.{1,10}不是|重新记"
)
_BARE_FIX_RE = re.compile(r"^(?:是|就是|应该|不对)")
_QUANTITY_WORDS = ("数量", "个数", "件数", "盆数", "多少盆")
_TYPE_WORDS: tuple[tuple[str, EntryType], ...] = (
    ("赊", EntryType.CREDIT), ("欠着", EntryType.CREDIT), ("进货", EntryType.EXPENSE),
    ("进的", EntryType.EXPENSE), ("买的", EntryType.EXPENSE), ("卖的", EntryType.INCOME),
    ("结账", EntryType.SETTLE), ("借的", EntryType.BORROW), ("借出", EntryType.BORROW),
    ("还的", EntryType.RETURN), ("还回来", EntryType.RETURN),
)
_TOTAL_ONLY_RE = re.compile(r"(?:不对|错了|应该是|是|改成|改为|一共|总共|合计|拢共|总计|共"
                            r"|块钱|块|元|[，,。.！!\s])*")
_UNPAID_RE = re.compile(r"没给钱|没付钱|还没给|还没付|钱没给|先欠着|欠着")
_NOT_A_NAME = ("不知道", "忘了", "不记得", "没问", "不清楚", "没有")
_MAX_CORRECTION = 40


def looks_like_correction(text: str) -> bool:
    if len(text) > _MAX_CORRECTION:
        return False
    return bool(CORRECTION_RE.search(text))


def looks_like_bare_fix(a: Analysis) -> bool:
    """是昨天的 / 是3000盆: a short 是… that only restates one field."""
    text = a.msg.text
    if len(text) > 16 or not _BARE_FIX_RE.search(text) or a.items:
        return False
    return bool(a.days or a.tokens or a.people)


def build_correction(a: Analysis) -> Parse:
    patch = Patch(
        users=_users(a),
        replace_user=_replaced(a),
        date=_date(a),
        product=next((i.name for i in a.items if not i.weak), None),
        quantity=_quantity(a)[0],
        unit=_quantity(a)[1],
        unit_price=_unit_price(a),
        amount=_amount(a),
        container_quantity=_container_quantity(a),
        type=_type(a.msg.text),
    )
    if patch.replace_user is not None:
        patch = patch.model_copy(update={"users": None})
    confidence = 0.9 if not patch.is_empty() else 0.4
    return Parse(intent=Intent.CORRECT, patch=patch, confidence=confidence,
                 spans=list(a.msg.spans))


def answer_to_question(a: Analysis, asking: str) -> Parse | None:
    """A bare reply to 「多少钱?」 or 「谁?」 as a correction of that field, else None."""
    if a.items:
        return None
    if a.containers:
        # 「二十个筐」 answering 「借出/还回的是多少钱，或者几个筐?」
        if asking != "amount" or a.people or (a.amount is not None and a.amount.said):
            return None
        found = [Container(name=c.name, quantity=c.quantity) for c in a.containers]
        return Parse(intent=Intent.CORRECT, patch=Patch(containers=found), confidence=0.85,
                     spans=list(a.msg.spans))
    if asking == "amount":
        amount = _amount(a)
        if amount is None and a.amount is not None and a.amount.rough:
            # 「一百多」: an answer, but not a figure to save; the dialogue asks again
            return Parse(intent=Intent.CORRECT, patch=Patch(), confidence=0.3,
                         spans=list(a.msg.spans))
        if amount is None:
            return None
        return Parse(intent=Intent.CORRECT, patch=Patch(amount=amount), confidence=0.9,
                     spans=list(a.msg.spans))
    names = [p.name for p in a.people] or _bare_name(a.msg.text)
    if not names or any(t.is_money_like for t in a.tokens):
        return None
    return Parse(intent=Intent.CORRECT, patch=Patch(users=names),
                 confidence=0.9 if a.people else 0.6, spans=list(a.msg.spans))


def fix_for_waiting_card(a: Analysis) -> Parse | None:
    """While a card waits, a fragment that names no goods, person or day restates one of
    its fields: 「一共8000」 is its total, 「是赊账」/「他没给钱」 its type."""
    if a.items or a.containers or a.people or a.days or len(a.msg.text) > 12:
        return None
    amount = _amount(a)
    if amount is not None and a.amount is not None and a.amount.tok is not None:
        tok = a.amount.tok
        rest = a.msg.text[:tok.start] + a.msg.text[tok.end:]
        if _TOTAL_ONLY_RE.fullmatch(rest):
            return Parse(intent=Intent.CORRECT, patch=Patch(amount=amount), confidence=0.85,
                         spans=list(a.msg.spans))
    kind = _type(a.msg.text) or (EntryType.CREDIT if _UNPAID_RE.search(a.msg.text) else None)
    if kind is not None and not a.tokens:
        return Parse(intent=Intent.CORRECT, patch=Patch(type=kind), confidence=0.8)
    return None


def _bare_name(text: str) -> list[str]:
    """「张三」 / 「他叫王芳」: a short reply that is only a name."""
    name = re.sub(r"^(?:是|就是|叫|他叫|她叫|名字叫|他是|她是|那人叫|应该是)", "", text)
    name = re.sub(r"[的吧啊呀，、]+$", "", name)
    if not 2 <= len(name) <= 4 or any(w in name for w in _NOT_A_NAME):
        return []
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return []
    return [name]


def _users(a: Analysis) -> list[str] | None:
    return [p.name for p in a.people] or None


def _replaced(a: Analysis) -> tuple[str, str] | None:
    """是老刘不是老李 / 不是老李是老刘 / 把老李改成老刘: (old, new)."""
    if len(a.people) != 2:
        return None
    first, second = a.people[0], a.people[1]
    text = a.msg.text
    if _said_before(text, first, ("不是",)):
        return first.name, second.name
    if _said_before(text, second, ("不是",)):
        return second.name, first.name
    if re.search(r"改成|改为|换成", text[first.end:second.start]):
        return first.name, second.name
    return None


def _said_before(text: str, person: Person, words: tuple[str, ...]) -> bool:
    return text[max(0, person.start - 3):person.start].endswith(words)


def _date(a: Analysis) -> dt.date | None:
    text = a.msg.text
    for found in a.days:
        # 不是昨天, 前天改成…: the day being replaced is not the new one
        stale = text[max(0, found.start - 2):found.start] == "不是" or text.startswith(
            ("改成", "改为", "换成"), found.end)
        if found.first is not None and not stale:
            a.msg.add_span("date", found.start, found.end)
            return found.first
    return None


def _stale(a: Analysis, tok: NumTok) -> bool:
    """不是10个: the value after 不是 is the old one being replaced."""
    return a.msg.text[max(0, tok.start - 2):tok.start] == "不是"


def _quantity(a: Analysis) -> tuple[Decimal | None, str | None]:
    for tok in a.tokens:
        if not tok.is_product_qty or tok.value is None or _stale(a, tok):
            continue
        if a.containers and tok.unit and tok.unit in CONTAINER_COUNTERS:
            continue
        return tok.value, tok.unit
    bare = _bare_after(a, _QUANTITY_WORDS)
    return (bare.value, None) if bare is not None else (None, None)


def _container_quantity(a: Analysis) -> Decimal | None:
    for c in a.containers:
        if c.quantity is not None and a.msg.text[max(0, c.start - 2):c.start] != "不是":
            return c.quantity
    return None


def _unit_price(a: Analysis) -> Decimal | None:
    for price in a.prices:
        if price.value is not None:
            return cents(price.value)
    for item in a.items:
        if item.price is not None:
            return cents(item.price)
    return None


def _amount(a: Analysis) -> Decimal | None:
    if _bare_after(a, _QUANTITY_WORDS) is not None:
        return None
    if a.amount is None or not a.amount.said:
        return None
    tok = a.amount.tok
    if tok is not None and _stale(a, tok):
        fresh = [t for t in a.tokens if t.is_money_like and t.value is not None
                 and t is not tok and not _stale(a, t) and t.kind != "qty"]
        return cents(fresh[0].value) if fresh and fresh[0].value is not None else None
    return cents(a.amount.value) if a.amount.value is not None else None


def _bare_after(a: Analysis, words: tuple[str, ...]) -> NumTok | None:
    for tok in a.tokens:
        if tok.kind != "bare" or tok.value is None:
            continue
        head = a.msg.text[max(0, tok.start - 8):tok.start]
        if any(w in head for w in words):
            return tok
    return None


def _type(text: str) -> EntryType | None:
    for word, kind in _TYPE_WORDS:
        if word in text:
            return kind
    return None
