"""Pack sizes said before goods: 五斤装的花生油, 50斤一袋的面粉, 面粉五十斤一袋，…

The size describes the goods, it is not what was sold: the count of packs after it (卖了
八桶) is the quantity. Left as a count, the size would become the product's quantity and
the pack count would be lost, a confident wrong line.
"""

from __future__ import annotations

import re

from chains.rules.message import WORD, Message
from chains.rules.tokens import PER, QTY, NumTok

# 五斤装(的) / 一袋装: the size of one pack.
_PACKED_RE = re.compile(r"装的?")
# 50斤一袋的 / 30枚一盒装的: a size, then 一 + the pack it fills, then 的.
_PER_PACK_TAIL_RE = re.compile(r"装?的")
# 25公斤的大米…10袋: a weight joined by 的 is a size only when packs are counted later.
_WEIGHTS = frozenset({"斤", "公斤", "千克", "克", "两", "升", "毫升"})


def drop_pack_sizes(msg: Message, tokens: list[NumTok]) -> list[NumTok]:
    """The tokens without pack sizes; the size's characters are claimed as plain words."""
    drop: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != QTY or tok.value is None or i in drop:
            continue
        end = _size_end(msg, tokens, i)
        if end is None:
            continue
        drop.update(j for j, t in enumerate(tokens) if tok.start <= t.start < end)
        msg.mark(tok.start, end, WORD)
    return [t for j, t in enumerate(tokens) if j not in drop]


def _size_end(msg: Message, tokens: list[NumTok], i: int) -> int | None:
    """Where the pack size starting at tokens[i] ends, or None when it is a plain count."""
    text, tok = msg.text, tokens[i]
    packed = _PACKED_RE.match(text, tok.end)
    if packed:
        return packed.end()
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.start == tok.end and _one_pack(text, nxt):
        tail = _PER_PACK_TAIL_RE.match(text, nxt.end)
        if tail:
            return tail.end()
        # 面粉五十斤一袋，进了二十袋: a size said as a clause of its own, packs counted after
        if _at_pause(text, nxt.end) and _counted_later(tokens, i + 2, nxt.unit):
            return nxt.end
    if tok.unit in _WEIGHTS and text.startswith("的", tok.end) and _packs_later(tokens, i):
        msg.guesses += 1  # 卖了25公斤的大米 alone is a weight sold; a guess that it is a size
        return tok.end + 1
    return None


def _one_pack(text: str, tok: NumTok) -> bool:
    """一袋 / 一盒: one of a pack unit (a per marker, or a count of one)."""
    one = tok.kind == PER or (tok.kind == QTY and tok.value == 1)
    return one and text[tok.start] in "一1每"


def _at_pause(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in "，、"


def _counted_later(tokens: list[NumTok], start: int, unit: str | None) -> bool:
    return any(t.kind == QTY and t.unit == unit and t.value for t in tokens[start:])


def _packs_later(tokens: list[NumTok], i: int) -> bool:
    unit = tokens[i].unit
    return any(t.kind == QTY and t.unit not in _WEIGHTS and t.unit != unit and t.value
               for t in tokens[i + 1:])
