"""Where one message reports several separate events (GUIDE "several separate events").

A message is cut only at a pause, and only where a clause plainly starts another event:
another named counterparty acting (…，马老板拿了200盆千叶), the other direction of trade
(卖给老孙…，又从他那进了…), a fee paid on the side (…，运费另付了四十), or goods
going bad after a sale. Anything else (他先给了三千, 周转箱也拿了6个) stays with the
event before it, so a sale paid in part is one entry.
"""

from __future__ import annotations

import re

from chains.rules.analysis import Analysis
from chains.rules.category import find_category
from chains.rules.lexicon import (
    DEBT_PAID_RE,
    DEED_RE,
    FEE_WORD_RE,
    GOODS_TAKEN_RE,
    LOSS_RE,
    OUT_RE,
    PERSON_VERBS_AFTER,
    PURCHASE_RE,
    RETURN_RE,
    SALE_RE,
)

Part = tuple[int, int]

# Words that may open a clause before its subject: time of day, 又, 顺便, 另外.
_LEAD_RE = re.compile(
    r"(?:上午|下午|中午|早上|晚上|傍晚|今天|昨天|前天|后来|然后|接着|另外|还有|顺便|又|再|也|同时"
    r"|(?:这|上|本)?(?:周|星期|礼拜)[一二三四五六日天]|\d{1,2}号|[一二三四五六七八九十]{1,3}号"
    r"|卖给|批给|赊给|借给|给|从|跟|帮)*"
)


def split_events(a: Analysis) -> list[Part]:
    """[start, end) of each event's text, in the order said; one part for one event."""
    text = a.msg.text
    if "，" not in text:
        return [(0, len(text))]
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "，"]
    parts: list[Part] = []
    start = 0
    for cut in cuts:
        if _has_event(a, start, cut - 1) and _starts_event(a, start, cut):
            parts.append((start, cut - 1))
            start = cut
    parts.append((start, len(text)))
    return _without_grand_total(text, parts)


# 运费一百五，过磅费二十，一共一百七: the sum of the events already said is no event.
_GRAND_TOTAL_RE = re.compile(r"(?:一共|总共|合计|共计|总计|加起来|一起)(?:是)?[^，]{1,8}$")


def _without_grand_total(text: str, parts: list[Part]) -> list[Part]:
    if len(parts) < 2:
        return parts
    start, end = parts[-1]
    cut = text.rfind("，", start, end)
    if cut >= 0 and _GRAND_TOTAL_RE.fullmatch(text, cut + 1, end):
        parts[-1] = (start, cut)
    return parts


def _starts_event(a: Analysis, seg_start: int, pos: int) -> bool:
    end = a.msg.clause(pos)[1]
    if not _has_event(a, pos, end):
        return False
    text = a.msg.text
    return (_new_actor(a, seg_start, pos, end) or _side_fee(a, seg_start, pos, end)
            or _turns(text, seg_start, pos, end) or _after_fee(text, seg_start, pos, end)
            or _containers_back(a, seg_start, pos, end))


def _containers_back(a: Analysis, seg_start: int, pos: int, end: int) -> bool:
    """阿彪拿了四十斤带鱼，顺便还了上次的六个泡沫箱: goods taken, then containers brought
    back, are a sale and a return (crates going out with the goods stay one event)."""
    text = a.msg.text
    goods_before = any(seg_start <= i.anchor < pos for i in a.items)
    crates_here = any(pos <= c.start < end for c in a.containers)
    goods_here = any(pos <= i.anchor < end for i in a.items)
    back_here = bool(RETURN_RE.search(text, pos, end))
    return (goods_before and crates_here and not goods_here and back_here
            and not RETURN_RE.search(text, seg_start, pos))


def _after_fee(text: str, seg_start: int, pos: int, end: int) -> bool:
    """今天交了摊位费三百，卖了两千四: a fee, then trade of another kind."""
    clause = text[pos:end]
    return (find_category(text[seg_start:pos]) is not None and find_category(clause) is None
            and bool(SALE_RE.search(clause) or PURCHASE_RE.search(clause)))


def _has_event(a: Analysis, start: int, end: int) -> bool:
    """Some money, goods count or container count of its own."""
    return any(start <= t.start < end and t.value is not None
               and (t.is_money_like or t.kind == "qty") for t in a.tokens)


def _new_actor(a: Analysis, seg_start: int, pos: int, end: int) -> bool:
    """马老板拿了… / 卖给老王… : a clause led by a counterparty not in the event before."""
    text = a.msg.text
    lead = _LEAD_RE.match(text, pos)
    at = lead.end() if lead else pos
    before = {p.name for p in a.people if seg_start <= p.start < pos}
    if not before and not DEED_RE.search(text, seg_start, pos):
        return False
    for person in a.people:
        # 饭店王经理 … 王经理先付了五百: one person said in full, then in short
        if person.start != at or any(person.name in b or b in person.name for b in before):
            continue
        led_by_verb = at > pos and text[pos:at].endswith(("卖给", "批给", "赊给", "借给", "从"))
        after = _LEAD_RE.match(text, person.end)
        verb_at = after.end() if after else person.end
        if led_by_verb or any(text.startswith(PERSON_VERBS_AFTER, k)
                              for k in (person.end, verb_at)):
            return True
    return False


def _side_fee(a: Analysis, seg_start: int, pos: int, end: int) -> bool:
    """…，运费另付了四十 / …，另外给了装卸费六十: a fee with its own money after goods."""
    text = a.msg.text
    fee = find_category(text[pos:end])
    if fee is None:
        return False
    goods_before = any(seg_start <= i.anchor < pos for i in a.items) or any(
        seg_start <= c.start < pos for c in a.containers)
    money_before = any(seg_start <= t.start < pos and t.is_money_like for t in a.tokens)
    if not (goods_before or money_before):
        return False
    earlier = find_category(text[seg_start:pos])
    # 运费一百，装卸费五十 are two fees; 运费装卸费一共八十 (one clause) is one.
    return earlier is None or bool(FEE_WORD_RE.search(earlier[0]))


def _turns(text: str, seg_start: int, pos: int, end: int) -> bool:
    """The trade changes direction: a sale then a purchase, goods out then back, or a loss."""
    before, clause = text[seg_start:pos], text[pos:end]
    for one, other in ((SALE_RE, PURCHASE_RE), (PURCHASE_RE, SALE_RE), (OUT_RE, RETURN_RE),
                       (RETURN_RE, OUT_RE), (SALE_RE, RETURN_RE)):
        if one.search(before) and other.search(clause) and not one.search(clause):
            return True
    if DEBT_PAID_RE.search(before) and GOODS_TAKEN_RE.search(clause) \
            and not GOODS_TAKEN_RE.search(before):
        return True
    return bool(LOSS_RE.search(clause) and (SALE_RE.search(before) or PURCHASE_RE.search(before)))
