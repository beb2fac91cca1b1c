"""Containers lent with goods and brought back: 10个筐, 筐15个, 托盘也拉走了6个, 十桶."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from chains.rules.lexicon import CONTAINER_COUNTERS, CONTAINERS
from chains.rules.message import Message
from chains.rules.names import backward_name, forward_name
from chains.rules.tokens import BARE, PER, QTY, NumTok

CONTAINER = "container"

# 空筐 is still a 筐: the empty box is the container itself
_CONTAINER_RE = re.compile(
    "空?(" + "|".join(sorted(CONTAINERS, key=len, reverse=True)) + ")子?"
)
# A speech recogniser writes 筐 as 框; the GUIDE books the plain word (筐子 → 筐).
_HOMOPHONES = {"框": "筐"}


def plain_container(name: str) -> str:
    """筐子/框 → 筐, 箱子 → 箱, 桶子 → 桶, 塑料筐子 → 塑料筐; 周转箱 stays."""
    name = name.removesuffix("子") if len(name) > 1 else name
    return _HOMOPHONES.get(name, name)
# Units that are a container when nothing sold follows them (十桶 vs 十桶油).
_CONTAINER_UNITS = frozenset({"筐", "桶"})
_TRADE_RE = re.compile(r"卖|买|进了|进货|批给|赊")
# What may stand around a bare count in its own clause (一共八个吧, 有十个).
_COUNT_ONLY_RE = re.compile(r"(?:一共|总共|共|有|是|大概)?(?:了|吧|啊|呢)?")


@dataclass(slots=True)
class FoundContainer:
    name: str
    quantity: Decimal | None
    start: int
    end: int


def find_containers(msg: Message, tokens: list[NumTok]) -> list[FoundContainer]:
    found = _unit_containers(msg, tokens)
    mentions = [m for m in _CONTAINER_RE.finditer(msg.text) if msg.is_free(m.start(), m.end())]
    counted: dict[int, NumTok] = {}
    # 周转箱十二个托盘六个: a message that names a container before its count does so
    # throughout, so the count after wins over one that ends right before the next name
    count_first = not (mentions and _count_before(tokens, mentions[0].start()) is None
                       and _count_after(msg, tokens, mentions[0].end(), mentions) is not None)
    for m in mentions if count_first else []:
        tok = _count_before(tokens, m.start())
        if tok is not None:
            counted[m.start()] = tok
            tok.used = True
    for m in mentions:
        if m.start() not in counted:
            tok = _count_after(msg, tokens, m.end(), mentions)
            if tok is not None:
                counted[m.start()] = tok
                tok.used = True
    for m in mentions:
        tok = counted.get(m.start())
        found.append(FoundContainer(plain_container(m.group(0).removeprefix("空")),
                                    tok.value if tok else None,
                                    min(m.start(), tok.start) if tok else m.start(),
                                    max(m.end(), tok.end) if tok else m.end()))
    found = _drop_bare_repeats(found)
    for c in found:
        msg.mark(c.start, c.end, CONTAINER)
        msg.add_span("containers", c.start, c.end)
    return found


def _unit_containers(msg: Message, tokens: list[NumTok]) -> list[FoundContainer]:
    out: list[FoundContainer] = []
    per_units = {t.unit for t in tokens if t.kind == PER}
    for tok in tokens:
        if tok.kind == QTY and tok.unit in _CONTAINER_UNITS and not tok.used:
            if _sold_by(msg, tok, per_units):
                continue
            if forward_name(msg, tok.end, single=True) is None:
                tok.used = True
                out.append(FoundContainer(tok.unit or "", tok.value, tok.start, tok.end))
    return out


def _sold_by(msg: Message, tok: NumTok, per_units: set[str | None]) -> bool:
    """菜籽油卖了五桶，一桶一百三: a 桶 priced or traded is the unit of sale."""
    if tok.unit in per_units or backward_name(msg, tok.start) is not None:
        return True
    start, end = msg.clause(tok.start)
    return bool(_TRADE_RE.search(msg.text, start, end))


def _count_before(tokens: list[NumTok], pos: int) -> NumTok | None:
    for tok in tokens:
        if tok.end == pos and not tok.used:
            if tok.kind == QTY and tok.unit and tok.unit in CONTAINER_COUNTERS:
                return tok
            if tok.kind == BARE and tok.value is not None:
                return tok
    return None


def _count_after(
    msg: Message, tokens: list[NumTok], pos: int, mentions: list[re.Match[str]]
) -> NumTok | None:
    _, clause_end = msg.clause(pos)
    limit = min([m.start() for m in mentions if m.start() >= pos] + [clause_end])
    for tok in tokens:
        if tok.used or tok.start < pos or tok.start >= limit:
            continue
        if tok.kind == QTY and tok.unit and tok.unit in CONTAINER_COUNTERS:
            return tok
    if limit == clause_end:
        return _count_clause(msg, tokens, clause_end)
    return None


def _count_clause(msg: Message, tokens: list[NumTok], sep: int) -> NumTok | None:
    """筐还回来了，八个: a next clause that is only a count counts the container before it."""
    if sep >= len(msg.text):
        return None
    start, end = msg.clause(sep + 1)
    inside = [t for t in tokens if start <= t.start < end]
    if len(inside) != 1:
        return None
    tok = inside[0]
    if tok.used or tok.kind != QTY or not tok.unit or tok.unit not in CONTAINER_COUNTERS:
        return None
    rest = msg.text[start:tok.start] + msg.text[tok.end:end]
    return tok if _COUNT_ONLY_RE.fullmatch(rest) else None


def _drop_bare_repeats(found: list[FoundContainer]) -> list[FoundContainer]:
    counted = {c.name for c in found if c.quantity is not None}
    out: list[FoundContainer] = []
    seen_bare: set[str] = set()
    for c in found:
        if c.quantity is None:
            if c.name in counted or c.name in seen_bare:
                continue
            seen_bare.add(c.name)
        out.append(c)
    return out
