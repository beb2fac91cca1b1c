"""Unit prices: 每盆3块, 一扎二十五, 3块一盆, 八毛一枝, 3元/斤, 单价2块5."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chains.rules.message import Message
from chains.rules.tokens import BARE, MONEY, PER, QTY, NumTok

_GLUE = set("是要卖算为值")
_PRICE_WORDS = ("单价", "价格", "价钱", "一口价")


@dataclass(slots=True)
class Price:
    start: int
    end: int
    value: Decimal | None  # None: a price was said but only roughly (三块多一斤)
    unit: str | None
    used: bool = False


def find_prices(msg: Message, tokens: list[NumTok]) -> list[Price]:
    prices: list[Price] = []
    for idx, tok in enumerate(tokens):
        if tok.kind != PER:
            continue
        prev = tokens[idx - 1] if idx > 0 else None
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        price = _per_price(msg, tok, prev, nxt)
        if price is not None:
            prices.append(price)
    prices += _named_prices(msg, tokens)
    for price in prices:
        msg.add_span("unit_price", price.start, price.end)
    return sorted(prices, key=lambda p: p.start)


def _per_price(
    msg: Message, per: NumTok, prev: NumTok | None, nxt: NumTok | None
) -> Price | None:
    # one pause may stand between a price and its per-unit marker (一块二，一斤 / 一箱，五十)
    gap_before = msg.text[prev.end:per.start] if prev is not None else ""
    before_ok = (prev is not None and not prev.used and _priceable(prev)
                 and gap_before in ("", "，"))
    gap_after = msg.text[per.end:nxt.start] if nxt is not None else ""
    after_ok = (nxt is not None and not nxt.used and _priceable(nxt)
                and all(c in _GLUE for c in gap_after.removeprefix("，")))
    order = (after_ok, before_ok) if per.per_next else (before_ok, after_ok)
    sources = (nxt, prev) if per.per_next else (prev, nxt)
    if per.per_next and nxt is not None and nxt.kind == QTY and nxt.start == per.end:
        per.used = nxt.used = True  # 大米一袋二十五斤: the size of a pack, not a count sold
        return None
    for ok, source in zip(order, sources, strict=True):
        if ok and source is not None:
            source.used = per.used = True
            start, end = min(per.start, source.start), max(per.end, source.end)
            return Price(start, end, source.value, per.unit)
    per.used = True
    return None


def _priceable(tok: NumTok) -> bool:
    return tok.kind in (MONEY, BARE)


def _named_prices(msg: Message, tokens: list[NumTok]) -> list[Price]:
    """单价2块5 / 价格是三块: a price with no unit of its own."""
    out: list[Price] = []
    for tok in tokens:
        if tok.used or not _priceable(tok):
            continue
        head = msg.text[max(0, tok.start - 4):tok.start].rstrip("是为改成到")
        if head.endswith(_PRICE_WORDS):
            tok.used = True
            out.append(Price(tok.start, tok.end, tok.value, None))
    return out
