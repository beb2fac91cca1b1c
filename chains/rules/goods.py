"""Products of an entry: which name each quantity counts, and which price belongs to whom.

Quantities name their goods on one side consistently within a message (200盆绿萝 or
绿萝200盆); the side that names more quantities wins. A quantity with no name beside
it takes a name mentioned elsewhere (进了一批发财树，200盆). Prices attach to the name
they follow (绿萝3块一盆), else to the product with the same unit nearest before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from chains.rules.lexicon import PRODUCT_UNITS
from chains.rules.message import WORD, Message
from chains.rules.names import backward_name, forward_name
from chains.rules.people import USER
from chains.rules.prices import Price
from chains.rules.tokens import NumTok

PRODUCT = "product"
Span = tuple[int, int]

# Verbs after which a goods name is said without its quantity (进了一批发财树, 买化肥).
_TRADE_VERB_RE = re.compile(
    r"(?:散卖|零卖|采购|卖|买|进|赊|批|收|订|要|拿|调|弄|搞)(?:了|的|出去|回)?"
    r"(?:一批|那批|这批|一些|些|点|一车|一车子)?"
)
_LIST_JOINS = "和跟、及与"
# 各二十盆 / 各卖了五箱 / 各要了三斤: one count for each name listed before 各.
_EACH_RE = re.compile(r"各(?:卖|买|进|拿|要|赊|订|称|来)?了?$")
_TO_SOMEONE_RE = re.compile(r"(?:卖|批|赊|送|发)(?:了)?给")
_LOT_WORD_RE = re.compile(r"一批|那批|这批|一些|些|点|一点")
_OF_RE = re.compile(r"(?:的|那批|这批)(?:那批|这批|那些)?")
# 赊的X钱 is a debt, not goods traded
_TRADE_IN_CLAUSE_RE = re.compile(r"买|进|采购|订|卖|批给|赊了|赊给|拿了|调了|弄了|搞了")
_SALE_AFTER = ("卖", "进", "买", "批", "赊")
# What may follow a clause's leading goods name when it went bad or came back (草莓烂了,
# 苹果有烂的, 百合有一半是蔫的): the goods are named, counted or not.
# 放坏了 / 化了: kept too long, thawed.
_STATE_AFTER = ("烂", "坏", "死", "有", "被", "冻", "摔", "蔫", "退", "全", "都", "不", "放", "化",
                "臭", "馊")
_BAD_OR_BACK_RE = re.compile(r"退|烂|坏|死|蔫|偷|扔")  # 鱼不新鲜 names goods only here
_STATE_NAMED = ("烂", "坏", "死", "有", "被", "冻", "摔", "蔫", "退", "放", "化", "臭", "馊")
# 上次那批玫瑰 / 这批生菜: goods pointed at are goods, with or without a trade verb.
_POINTED_RE = re.compile(r"(?:那批|这批|那些|这些)$")
# 鸡蛋按板卖的 / 西瓜是按斤算的: a leading name followed by how it is sold.
_SOLD_BY_RE = re.compile(
    r"(?:是|都|也|都是|一般)?按(?:" + "|".join(sorted(PRODUCT_UNITS, key=len, reverse=True)) + ")"
)
# 都是五块一斤 / 全是 / 各: a price said once for several goods.
_ALL_RE = re.compile(r"(?:都|全|各|统一)(?:是|按|算)?$")


@dataclass(slots=True)
class Item:
    name: str
    name_span: Span | None
    qty: NumTok | None = None
    price: Decimal | None = None
    price_open: bool = False  # a price was said but is vague (三块多)
    weak: bool = False  # name found away from its quantity

    @property
    def quantity(self) -> Decimal | None:
        return self.qty.value if self.qty else None

    @property
    def unit(self) -> str | None:
        return self.qty.unit if self.qty else None

    @property
    def anchor(self) -> int:
        spans = [s[1] for s in (self.name_span,) if s] + ([self.qty.end] if self.qty else [])
        return max(spans) if spans else 0


def find_products(msg: Message, tokens: list[NumTok], prices: list[Price]) -> list[Item]:
    counts = [t for t in tokens if t.is_product_qty and not t.used]
    items = _name_counts(msg, counts)
    claimed = [i.name_span for i in items if i.name_span]
    floating = [s for s in _floating_names(msg) if not any(_overlap(s, c) for c in claimed)]
    items += _adopt_orphans(msg, counts, items, floating)
    items = [i for i in items if i.name]
    items = _merge_same(items)
    attach_prices(msg, items, tokens, prices)
    for item in items:
        if item.name_span:
            msg.mark(*item.name_span, PRODUCT)
            msg.add_span("products", *item.name_span)
        if item.qty:
            msg.add_span("quantity", item.qty.start, item.qty.end)
            item.qty.used = True
    return items


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _name_counts(msg: Message, counts: list[NumTok]) -> list[Item]:
    after = [forward_name(msg, t.end, single=True) for t in counts]
    before = [backward_name(msg, t.start) for t in counts]
    n_after, n_before = sum(x is not None for x in after), sum(x is not None for x in before)
    prefer_after = n_after >= n_before
    if n_after == n_before > 0 and len(counts) > 1 and after != before:
        msg.guesses += 1  # 红富士50箱嘎啦30箱: names on both sides, the order is a guess
    items: list[Item] = []
    used: list[Span] = []
    for tok, a, b in zip(counts, after, before, strict=True):
        each = _EACH_RE.search(msg.text, max(0, tok.start - 4), tok.start)
        listed = _each(msg, tok, used, each.start()) if each is not None else []
        if listed:  # 老李和老王各拿了十箱苹果: 各 over people leaves the goods after
            items += listed
            continue
        first, second = (a, b) if prefer_after else (b, a)
        for span in (first, second):
            if span is not None and not any(_overlap(span, u) for u in used):
                used.append(span)
                items.append(Item(msg.text[span[0]:span[1]], span, tok))
                break
        else:
            items.append(Item("", None, tok))
    return items


def _each(msg: Message, tok: NumTok, used: list[Span], pos: int) -> list[Item]:
    """红掌和蝴蝶兰各二十盆 / 苹果和梨各卖了五箱: every listed name gets the same quantity
    (`pos`: where 各 stands)."""
    items: list[Item] = []
    while pos > 0:
        span = backward_name(msg, pos)
        if span is None:
            break
        used.append(span)
        items.insert(0, Item(msg.text[span[0]:span[1]], span, tok))
        pos = span[0]
        if pos > 0 and msg.text[pos - 1] in "和跟与及、":
            pos -= 1
        else:
            break
    return items


def _floating_names(msg: Message) -> list[Span]:
    """Goods named away from their quantity: after a trade verb, after 的/那批, or leading."""
    spans: list[Span] = []
    for regex in (_TRADE_VERB_RE, _OF_RE):
        for m in regex.finditer(msg.text):
            span = forward_name(msg, m.end())
            if span is not None and not _describes_person(msg, span):
                spans.append(span)
    spans += _leading_names(msg)
    spans += _after_recipient(msg)
    spans += _listed_after(msg, spans)
    unique = sorted(set(spans))
    return [s for i, s in enumerate(unique) if not any(_overlap(s, o) for o in unique[:i])]


def _describes_person(msg: Message, span: Span) -> bool:
    """卖鸭子的老葛: goods named in what a person does for a living are not traded here."""
    end = span[1]
    return msg.text.startswith("的", end) and msg.labels[end + 1:end + 2] == [USER]


def _listed_after(msg: Message, spans: list[Span]) -> list[Span]:
    """拿了花甲和蛏子: goods joined to a found name by 和/跟/、 are goods too."""
    out: list[Span] = []
    todo = list(spans)
    while todo:
        end = todo.pop()[1]
        if msg.text[end:end + 1] not in _LIST_JOINS:
            continue
        span = forward_name(msg, end + 1)
        if span is not None and span not in out and span not in spans:
            out.append(span)
            todo.append(span)
    return out


def _after_recipient(msg: Message) -> list[Span]:
    """卖给阿香土鸡蛋 / 赊给老李一些苹果: the goods follow the person they went to."""
    out: list[Span] = []
    for m in _TO_SOMEONE_RE.finditer(msg.text):
        pos = m.end()
        if msg.labels[pos:pos + 1] != [USER]:
            continue
        while pos < len(msg.text) and msg.labels[pos] == USER:
            pos += 1
        lot = _LOT_WORD_RE.match(msg.text, pos)
        span = forward_name(msg, lot.end() if lot else pos)
        if span is not None:
            out.append(span)
    return out


def _leading_names(msg: Message) -> list[Span]:
    """西瓜卖了45个 / 满天星八毛一枝: a clause opening with a name then selling or a price."""
    out: list[Span] = []
    text = msg.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in "，、"]
    for start in starts:
        pos = start
        while pos < len(text) and not msg.is_name_material(pos) and msg.labels[pos] != "":
            pos += 1
        span = forward_name(msg, pos)
        if span is None:
            continue
        nxt = span[1]
        while nxt < len(text) and msg.labels[nxt] in ("date", WORD):
            nxt += 1  # a day, or a pack size (鸡蛋三十个一板的): the name still leads
        clause_end = msg.clause(pos)[1]
        if (text.startswith(_SALE_AFTER + _STATE_AFTER, nxt) or msg.labels[nxt:nxt + 1] == ["num"]
                or nxt == clause_end or _SOLD_BY_RE.match(text, nxt)):
            out.append(span)
    return out


def _adopt_orphans(
    msg: Message, counts: list[NumTok], items: list[Item], floating: list[Span]
) -> list[Item]:
    """A count without a name takes the nearest name said elsewhere; names left keep no count."""
    orphans = [i for i in items if not i.name]
    free = list(floating)
    for item in orphans:
        if not free or item.qty is None:
            continue
        pos = item.qty.start
        before = [s for s in free if s[1] <= pos]
        span = before[-1] if before else free[0]
        free.remove(span)
        item.name, item.name_span, item.weak = msg.text[span[0]:span[1]], span, True
    named = {i.name for i in items if i.name}
    counted = any(i.qty is not None for i in items)
    extra: list[Item] = []
    for span in free:
        name = msg.text[span[0]:span[1]]
        if name not in named and _traded_without_count(msg, span, counted):
            extra.append(Item(name, span, weak=True))
            named.add(name)
    return extra


def _traded_without_count(msg: Message, span: Span, counted: bool) -> bool:
    """买化肥花了800 / 散卖的鸡蛋收了430: goods bought or sold with no count said; with no
    counted goods, also goods pointed at (那批玫瑰) or said to have gone bad (苹果有烂的)."""
    clause_start, _ = msg.clause(span[0])
    text = msg.text
    while clause_start > 0 and text[clause_start - 1] == "、":  # 白菜、萝卜: one list
        clause_start, _ = msg.clause(clause_start - 2)
    pointed = _POINTED_RE.search(text, clause_start, span[0])
    gone_bad = text.startswith(_STATE_NAMED, span[1]) or (
        text.startswith("不", span[1]) and _BAD_OR_BACK_RE.search(text))
    if not counted and (pointed or gone_bad):
        return True
    return bool(_TRADE_IN_CLAUSE_RE.search(text, clause_start, span[0]))


def _merge_same(items: list[Item]) -> list[Item]:
    """A name said twice with one count (绿萝…绿萝100盆) is one product."""
    out: list[Item] = []
    for item in items:
        twin = next((o for o in out if o.name == item.name), None)
        if twin is not None and (twin.qty is None or item.qty is None):
            twin.qty = twin.qty or item.qty
            continue
        out.append(item)
    return out


def attach_prices(
    msg: Message, items: list[Item], tokens: list[NumTok], prices: list[Price]
) -> None:
    if not items:
        return
    for price in prices:
        target = _price_owner(msg, items, price)
        if target is not None:
            for item in [target, *_sharing(msg, items, target, price)]:
                item.price = price.value
                item.price_open = price.value is None
            price.used = True
    _name_linked_prices(msg, items, tokens)


def _sharing(msg: Message, items: list[Item], target: Item, price: Price) -> list[Item]:
    """苹果和梨都是五块一斤: a price said for all (都/全/各) fits every open item of its unit."""
    head = msg.text[max(0, price.start - 3):price.start]
    if not _ALL_RE.search(head):
        # 苹果和梨各卖了五箱，一箱六十: goods counted together by 各 share the price too
        return [i for i in items if i is not target and target.qty is not None
                and i.qty is target.qty and i.price is None and not i.price_open]
    return [i for i in items if i is not target and i.price is None and not i.price_open
            and i.qty is not None and i.unit == target.unit]


def _price_owner(msg: Message, items: list[Item], price: Price) -> Item | None:
    open_items = [i for i in items if i.price is None and not i.price_open]
    if not open_items:
        return None
    named = _item_named_before(msg, open_items, price.start)
    if named is not None:
        return named
    if price.unit is None:
        return open_items[0] if len(open_items) == 1 else None
    same_unit = [i for i in open_items if i.unit == price.unit]
    if not same_unit:
        return open_items[0] if len(open_items) == 1 and open_items[0].unit is None else None
    before = [i for i in same_unit if i.anchor <= price.start]
    return max(before, key=lambda i: i.anchor) if before else same_unit[0]


def _item_named_before(msg: Message, items: list[Item], pos: int) -> Item | None:
    for item in items:
        if item.name and msg.text[:pos].rstrip("是要卖").endswith(item.name):
            return item
        if item.qty is not None and item.qty.end == pos and item.name_span \
                and item.name_span[1] <= item.qty.start:
            return item
    return None


def _name_linked_prices(msg: Message, items: list[Item], tokens: list[NumTok]) -> None:
    """月季三块绿萝两块五 / 绿萝100盆两块五: money right after a name (or its count)."""
    several = len(items) > 1
    for tok in tokens:
        if tok.used or not tok.is_money_like:
            continue
        open_items = [i for i in items if i.price is None]
        owner = _item_named_before(msg, open_items, tok.start)
        if owner is None:
            owner = _paused_price_owner(msg, open_items, tok)
            if owner is None or not _looks_like_unit_price(tok, owner):
                continue
        if _bought_as_lot(msg, owner):
            continue  # 进了一批化肥一千二: a lot has no unit, the money is its total
        if several or _looks_like_unit_price(tok, owner):
            owner.price = tok.value
            tok.used = True


def _paused_price_owner(msg: Message, items: list[Item], tok: NumTok) -> Item | None:
    """卖了八十斤苹果，三块，总共两百三: money alone in the clause right after a counted
    item is its price, as if said without the recogniser's pause."""
    start, end = msg.clause(tok.start)
    if (start, end) != (tok.start, tok.end) or start == 0:
        return None
    counted = [i for i in items if i.qty is not None]
    if len(counted) != 1 or counted[0].anchor != start - 1:
        return None
    return counted[0]


# 一批 / 一些 / 点 / 一车 before uncounted goods: bought or sold as a lot.
_LOT_BEFORE = ("批", "些", "点", "车", "堆")


def _bought_as_lot(msg: Message, item: Item) -> bool:
    if item.qty is not None or item.name_span is None:
        return False
    return msg.text[:item.name_span[0]].endswith(_LOT_BEFORE)


def _looks_like_unit_price(tok: NumTok, item: Item) -> bool:
    if tok.value is None:
        return False
    if item.quantity is None:
        return True
    return tok.value < item.quantity or tok.value != tok.value.to_integral_value()
