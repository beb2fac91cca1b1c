"""Edits and deletes of entries saved earlier (GUIDE intents `edit` and `delete`).

An earlier entry is named by what the message says about it: a day (把昨天老李那笔…),
an entry word (那笔, 那条, 的账), a counterparty joined to it (老李的, 张姐那笔), a product
or an amount (两千八的账). Without such a name the words mean something else: 改成3000
corrects the card being confirmed, 删掉上一笔 undoes the last entry, 取消 cancels.

The parse carries the reference (`EntryRef`) and, for an edit, the change (`Patch`): the
dialogue must find the entry, show it and ask before changing anything.
"""

from __future__ import annotations

import datetime as dt
import re

from chains.rules.analysis import Analysis, analyse
from chains.rules.correction import CORRECTION_RE, build_correction
from chains.rules.dates import Found
from chains.rules.message import WORD, Message
from chains.rules.names import backward_name, forward_name
from chains.rules.people import Person
from chains.rules.text import Normalized
from chains.rules.tokens import NumTok
from chains.schemas import EntryRef, Intent, Parse, Patch

ERASE_RE = re.compile(r"删|撤销|撤回|撤掉|撤了|去掉|作废|取消|不要了|别记|不记|不要记|不用记")
# Words that also say goods or an order were given up (老李说昨天拿的花不要了): they
# remove a saved entry only when an entry word names it (那单不要了).
_STRONG_ERASE_RE = re.compile(r"删|撤|作废|记重|重复|记了两[遍次回]|多记了一[笔条单]")
# The most recent entry: removing it is `undo`, changing it an edit of the last one.
_LAST_RE = re.compile(
    r"上一?[笔条单步]|刚才|刚刚|最后|最近一[笔条单]|前一[笔条单]|刚保存|刚记|上次"
)
# Words for one saved entry; 这笔 is the card on screen, 那笔 one saved before.
_ENTRY_RE = re.compile(r"那一?[笔条单次批]|那个单|的账|的记录|那单|那笔")
# A field restated for a named entry (11月28号卖给小王的单价是2块5), and amounts booked
# wrong (多记了一百); both change an entry only together with a reference to it.
_FIELD_IS_RE = re.compile(
    r"的[^，,。]{0,6}?(?:单价|价格|价钱|数量|金额|钱数|总价|日期|名字|运费|个数)(?:应该|应|也)?(?:是|为|算)"
)
_FIELD_RE = re.compile(r"(?:单价|价格|价钱|数量|金额|钱数|总价|日期|名字|个数|运费|总数)$")
_MISBOOKED_RE = re.compile(r"多记|少记|记多了|记少了")
# An entry booked twice is one to remove: 昨天老李那笔记重了.
_TWICE_RE = re.compile(r"记重|重复|记了两[遍次回]|多记了一[笔条单]")
# Replying to the card just shown (不对，… / 错了，…): a correction of that card.
_REACTION_RE = re.compile(r"^(?:不对|错了|不是|搞错)")
# Wiping everything, or one person's whole books, changes nothing (GUIDE intent other).
_ALL_RE = re.compile(r"所有|全部|全都|都删|一切|统统|通通")
# Deleting "an entry" or "records" without saying which one.
_SOME_ENTRY_RE = re.compile(r"一[笔条单]|某[笔条单]|几[笔条单]|记录")
# A question about how to use the bot (怎么删一笔) is help, not a request.
_HOW_RE = re.compile(r"怎么|如何|咋|能不能|可不可以|(?:可以|能).{0,4}吗|会不会")
# A day or person right after these is the new (or the old) value, not the entry's name:
# 日期改成29号, 应该是昨天, 是老刘不是老李.
_VALUE_CUES = ("是", "成", "为", "到", "改")
_REF_FOLLOWERS = ("那", "的", "这")
# A fee or wage just before the entry word, without the verb that paid it (交了房租那条).
_FEE_RE = re.compile(r"([^\W\d交付给的了号那这把]{0,2}(?:费|房租|租金|工资|工钱|油钱))$")
_CHANGED_TO = ("改成", "改为", "换成", "不是")


def earlier_entry(msg: Message) -> Parse | None:
    """An edit or delete of an entry saved earlier, an undo or `other`; None when the
    message is not about a saved entry at all."""
    text = msg.text
    erase = ERASE_RE.search(text) or _TWICE_RE.search(text)
    if erase is None and not _changes(text):
        return None
    for m in ERASE_RE.finditer(text):
        msg.mark(m.start(), m.end(), WORD)  # 那批白菜删了: 删 is no part of the goods' name
    a = analyse(msg)
    return _delete(a) if erase is not None else _edit(a)


def _changes(text: str) -> bool:
    return bool(CORRECTION_RE.search(text) or _FIELD_IS_RE.search(text)
                or _MISBOOKED_RE.search(text))


def _delete(a: Analysis) -> Parse | None:
    text = a.msg.text
    has_entry_word = bool(_ENTRY_RE.search(text))
    ref = _reference(a, len(text), include_values=True)
    named = ref.date is not None or has_entry_word or _person_names_entry(a, len(text))
    if _LAST_RE.search(text) and ref.date is None:
        undo = Intent.CANCEL if a.msg.context.has_draft else Intent.UNDO
        return Parse(intent=undo, confidence=0.9)
    if not named:
        # 能删记录吗 / 我想删一笔: how the bot works, or which entry is still to be asked
        return Parse(intent=Intent.OTHER, confidence=0.7) if _HOW_RE.search(text) \
            or _SOME_ENTRY_RE.search(text) else None
    if _ALL_RE.search(text):
        return Parse(intent=Intent.OTHER, confidence=0.8)
    if _HOW_RE.search(text) and not has_entry_word:
        return None
    if _is_bare(ref):
        return None  # 那条删了: no more than the last entry, an undo
    if not has_entry_word and (_loose(a, len(text)) or not _STRONG_ERASE_RE.search(text)):
        return None  # 昨天卖给老李5盆，他说不要了: goods coming back, not a saved entry
    if a.msg.context.has_draft and ref.date is None and not has_entry_word:
        return None  # 老李的不要了 while a card about 老李 waits: cancel that card
    return Parse(intent=Intent.DELETE, ref=ref, confidence=0.85, spans=list(a.msg.spans))


def _edit(a: Analysis) -> Parse | None:
    text = a.msg.text
    has_entry_word = bool(_ENTRY_RE.search(text))
    last = bool(_LAST_RE.search(text))
    if _REACTION_RE.search(text) and not has_entry_word and not last:
        return None
    split = _split(a)
    only_restated = _FIELD_IS_RE.search(text) and not CORRECTION_RE.search(text)
    if only_restated and len(_loose(a, len(text))) > 1:
        return None  # 昨天卖给小王的30斤苹果单价是2块5 states a new entry
    ref = _reference(a, split, include_values=False)
    draft = a.msg.context.has_draft
    if (last and ref.date is None) or (has_entry_word and _is_bare(ref)):
        if draft:
            return None  # the last one is the card on screen: a correction
        ref = ref.model_copy(update={"last": True})  # 那笔改成3000: the one just saved
    named = (ref.date is not None or has_entry_word or ref.last
             or (not draft and _person_names_entry(a, split)))
    if not named:
        return None
    return Parse(intent=Intent.EDIT, ref=ref, patch=_patch(a, split), confidence=0.85,
                 spans=list(a.msg.spans))


def _split(a: Analysis) -> int:
    """Where the change begins: the first change word after the entry's name."""
    text = a.msg.text
    markers = sorted(m.start() for regex in (CORRECTION_RE, _FIELD_IS_RE, _MISBOOKED_RE)
                     for m in regex.finditer(text))
    named_end = _named_end(a)
    after = [m for m in markers if m >= named_end]
    # 重新记一下昨天的: the change word came first, so the whole message names the entry
    return after[0] if after else len(text)


def _is_bare(ref: EntryRef) -> bool:
    return (ref.date is None and not ref.users and ref.product is None
            and ref.category is None and ref.amount is None)


def _named_end(a: Analysis) -> int:
    """Where the entry's name ends: after its last day word or entry word."""
    text = a.msg.text
    return max([*(d.end for d in a.days if not _day_is_value(text, d)),
                *(m.end() for m in _ENTRY_RE.finditer(text)), 0])


def _reference(a: Analysis, split: int, *, include_values: bool) -> EntryRef:
    text = a.msg.text
    days = [d for d in a.days if d.start < split and d.first is not None
            and not _LAST_RE.fullmatch(text[d.start:d.end])  # 刚才 is the last entry
            and (include_values or not _day_is_value(text, d))]
    people = [p.name for p in a.people if p.start < split
              and (include_values or not _person_is_value(text, p))]
    products = [i.name for i in a.items if i.name_span is not None and i.name_span[0] < split]
    amount = next((t.value for t in a.tokens if t.start < split and t.is_money_like
                   and (include_values or _names_entry_after(text, t))), None)
    product, category = _before_entry_word(a, split)
    return EntryRef(date=_first_day(days), users=people,
                    product=products[0] if products else product, category=category,
                    amount=amount, last=bool(_LAST_RE.search(text[:split])))


def _before_entry_word(a: Analysis, split: int) -> tuple[str | None, str | None]:
    """玫瑰那笔, 那笔黄瓜, 交电费那条: the goods (product) or fee (category) next to an
    entry word."""
    msg = a.msg
    for m in _ENTRY_RE.finditer(msg.text, 0, split):
        span = backward_name(msg, m.start()) or forward_name(msg, m.end())
        if span is not None:
            return msg.text[span[0]:span[1]], None
        fee = _FEE_RE.search(msg.text, 0, m.start())
        if fee is not None:
            return None, fee.group(1)
    return None, None


def _first_day(days: list[Found]) -> dt.date | None:
    return days[0].first if days else None


def _patch(a: Analysis, split: int) -> Patch:
    """The change, read as a correction from the words after the entry's name only (the
    field words just before the change belong to it: 的单价改成8块, 的筐是二十五个)."""
    msg = a.msg
    if _MISBOOKED_RE.match(msg.text, split):
        return Patch()  # 多记了一百 is a difference, not the new amount: the dialogue asks
    start = _field_start(msg.text, split, _named_end(a))
    norm = msg.norm
    sub = Normalized(norm.text[start:], norm.origin[start:], norm.original)
    patch = build_correction(analyse(Message(sub, msg.ref, msg.context))).patch
    return patch if patch is not None else Patch()


def _field_start(text: str, split: int, named_end: int) -> int:
    head = text[max(named_end, split - 5):split]
    cut = head.rfind("的")
    if cut >= 0:
        return split - len(head) + cut + 1
    field = _FIELD_RE.search(text, max(named_end, 0), split)
    return field.start() if field else split


def _is_value(text: str, start: int) -> bool:
    return text[max(0, start - 2):start].rstrip("的").endswith(_VALUE_CUES)


def _day_is_value(text: str, day: Found) -> bool:
    """应该是昨天, 日期改成29号, 前天改成昨天: the day is what changes (old or new)."""
    return _is_value(text, day.start) or text.startswith(_CHANGED_TO, day.end)


def _person_is_value(text: str, person: Person) -> bool:
    """是老刘, 不是老李, 老李改成老刘: the person is what changes, not the entry's name."""
    return _is_value(text, person.start) or text.startswith(_CHANGED_TO, person.end)


def _person_names_entry(a: Analysis, split: int) -> bool:
    """老李那笔, 卖给小美的: a counterparty joined to an entry word or to 的."""
    text = a.msg.text
    return any(p.start < split and text.startswith(_REF_FOLLOWERS, p.end)
               and not _person_is_value(text, p) for p in a.people)


def _names_entry_after(text: str, tok: NumTok) -> bool:
    """两千八的账, 3000那笔: an amount that names the entry rather than changes it."""
    return bool(re.match(r"(?:块|元|块钱)?(?:的|那)", text[tok.end:]))


def _loose(a: Analysis, end: int) -> list[NumTok]:
    """Quantities or money before `end` that name no entry: the message states goods or
    money itself rather than pointing at a saved entry."""
    text = a.msg.text
    return [t for t in a.tokens if t.start < end and t.value is not None
            and (t.is_product_qty or t.is_money_like) and not _names_entry_after(text, t)]
