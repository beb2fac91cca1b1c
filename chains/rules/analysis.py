"""One pass over a message that finds every part an entry or a correction is made of.

The order matters: protected words first (千叶 is not 1000), then days (3号 is not 3
yuan), people (老三 is not 3), numbers, containers (10个筐 is not a product), prices,
products and last the amount, which takes whatever money is left.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from chains.rules.amounts import Amount, derive_unit_price, find_amount
from chains.rules.containers import FoundContainer, find_containers
from chains.rules.dates import PERIOD_RE, Found, find_day
from chains.rules.goods import Item, find_products
from chains.rules.lexicon import GOODS, NUMERAL_WORDS
from chains.rules.message import FREE, WORD, Message
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.packs import drop_pack_sizes
from chains.rules.paid import Paid, take_paid
from chains.rules.people import Person, find_people
from chains.rules.prices import Price, find_prices
from chains.rules.segment import is_compound
from chains.rules.tokens import NumTok, scan

DATE = "date"

_GOODS_WORDS = frozenset(GOODS)
_OTHER_WORDS = frozenset(NUMERAL_WORDS) - _GOODS_WORDS
_MAX_WORD = max(len(w) for w in (*_GOODS_WORDS, *_OTHER_WORDS))
_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿0123456789")
_FIRST_CHARS = frozenset(w[0] for w in (*_GOODS_WORDS, *_OTHER_WORDS))


# Goods described by when they were had (买的, 拉走的, 拿的苹果): not the deed being booked.
_HAD_BEFORE_RE = re.compile(r"(?:买|拿|拉|进|赊|借|要|订|送|发|带)(?:走|去|来)?的")


@dataclass(slots=True)
class Analysis:
    msg: Message
    days: list[Found] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    tokens: list[NumTok] = field(default_factory=list)
    containers: list[FoundContainer] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    amount: Amount | None = None
    paid: Paid | None = None

    def entry_date(self) -> dt.date:
        """The first past day said; a promise (下周给钱) or nothing means the day sent."""
        return self.said_date() or self.msg.ref

    def said_date(self) -> dt.date | None:
        ref = self.msg.ref
        past = [d for d in self.days if d.first is not None and d.first <= ref]
        if not past:
            return None
        found = past[0]
        for later in past[1:]:
            # 昨天老葛买的苹果…今天退了, 昨天的草莓今天退了: the first day only says when
            # the goods were had
            if self.msg.text.startswith("的", found.end) or _HAD_BEFORE_RE.search(
                    self.msg.text, found.end, later.start):
                found = later
        self.msg.add_span("date", found.start, found.end)
        return found.first


def analyse(msg: Message) -> Analysis:
    protect_words(msg)
    result = Analysis(msg)
    result.days = mark_days(msg)
    result.people = find_people(msg)
    result.tokens = drop_pack_sizes(msg, scan(msg))
    result.containers = find_containers(msg, result.tokens)
    result.prices = find_prices(msg, result.tokens)
    result.items = find_products(msg, result.tokens, result.prices)
    result.paid = take_paid(msg, result.tokens)
    result.amount = find_amount(msg, result.tokens, result.items)
    derive_unit_price(result.items, result.amount.before or result.amount.value)
    return result


def protect_words(msg: Message) -> None:
    """Claim known goods and numeral-holding words by longest match."""
    text = msg.text
    known = frozenset(p for p in msg.context.known_products if 0 < len(p) <= 12)
    longest = max([_MAX_WORD, *(len(p) for p in known)])
    firsts = _FIRST_CHARS | {p[0] for p in known}
    starts: dict[int, int] = {}  # where the goods word ending at each index began
    i = 0
    while i < len(text):
        size = _word_at(text, i, longest, known) if text[i] in firsts else 0
        if size and _inside_numeral(text, i, text[i:i + size]):
            size = 0
        if size:
            word = text[i:i + size]
            label = WORD if word in _OTHER_WORDS and word not in known else GOODS_LABEL
            msg.mark(i, i + size, label)
            if label == GOODS_LABEL:
                if i in starts and not is_compound(text[starts[i]:i + size]):
                    msg.joints.add(i)  # 苹果|香蕉; but 鸭梨 is one word, not 鸭 and 梨
                starts[i + size] = starts.get(i, i) if i not in msg.joints else i
            i += size
        else:
            i += 1


def _inside_numeral(text: str, i: int, word: str) -> bool:
    """二十一共 is not 一共: a numeral word right after a numeral continues the number."""
    return (word in _OTHER_WORDS and i > 0 and word[0] in _NUMERAL_CHARS
            and text[i - 1] in _NUMERAL_CHARS)


def _word_at(text: str, i: int, longest: int, known: frozenset[str]) -> int:
    for size in range(min(longest, len(text) - i), 0, -1):
        word = text[i:i + size]
        if word in known or word in _GOODS_WORDS or word in _OTHER_WORDS:
            return size
    return 0


def mark_days(msg: Message) -> list[Found]:
    days = [d for d in find_day(msg.text, msg.ref) if msg.is_free(d.start, d.end)]
    for d in days:
        msg.mark(d.start, d.end, DATE)
    for m in PERIOD_RE.finditer(msg.text):
        if msg.is_free(m.start(), m.end()):
            msg.mark(m.start(), m.end(), DATE)
    return days


def free_text(msg: Message) -> str:
    return "".join(ch for ch, label in zip(msg.text, msg.labels, strict=True) if label == FREE)
