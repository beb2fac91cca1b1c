"""Cutting a goods name out of the words next to a quantity: 200盆|绿萝|每盆… , 进了|土豆|三袋.

A name is a run of unclaimed Chinese characters, cut at the first (forward) or last
(backward) cue word; known goods words are never cut, and an over-long run is split by
jieba so 土豆今晚送过去 yields 土豆.
"""

from __future__ import annotations

import re

from chains.rules.lexicon import FEE_ENDINGS, GENERIC_GOODS, GOODS, NAME_STOPS, UNNAMED_PEOPLE
from chains.rules.message import GOODS as GOODS_LABEL
from chains.rules.message import Message
from chains.rules.segment import leading_word, trailing_word, words

STOP_RE = re.compile("|".join(sorted(set(NAME_STOPS), key=len, reverse=True)))
_GOODS_SET = frozenset(GOODS)
_UNNAMED = frozenset(UNNAMED_PEOPLE)
MAX_NAME = 6
Span = tuple[int, int]


def forward_name(msg: Message, pos: int, *, single: bool = False) -> Span | None:
    """The goods name starting at pos, if any (`single`: one character may be a name)."""
    end = pos
    while msg.is_name_material(end) and (end == pos or end not in msg.joints):
        end += 1
    if end == pos:
        return None
    cut = _first_stop(msg, pos, end)
    end = cut if cut is not None else end
    end = _after_leading_word(msg, pos, end)
    if end - pos > MAX_NAME and not _is_goods_word(msg, pos, end):
        end = pos + len(leading_word(msg.text[pos:end]))
    if end - pos == 1 and msg.text.startswith("的", end) and msg.labels[pos] != GOODS_LABEL:
        return None  # 有几个破的 / 三个坏的: one character and 的 say a state, not goods
    return (pos, end) if is_goods_name(msg.text[pos:end], single=single) else None


def backward_name(msg: Message, pos: int) -> Span | None:
    """The goods name ending at pos, if any."""
    start = pos
    while start > 0 and msg.is_name_material(start - 1) and start not in msg.joints:
        start -= 1
    if start == pos:
        return None
    cut = _last_stop_end(msg, start, pos)
    start = cut if cut is not None else start
    if pos - start > MAX_NAME and not _is_goods_word(msg, start, pos):
        start = pos - len(trailing_word(msg.text[start:pos]))
    return (start, pos) if is_goods_name(msg.text[start:pos]) else None


def is_goods_name(name: str, *, single: bool = False) -> bool:
    if not name or len(name) > 8 or name in GENERIC_GOODS or name in _UNNAMED:
        return False
    if name in _GOODS_SET:
        return True
    if len(name) == 1 and not single:  # alone, one character is more often a verb than goods
        return False
    if name.endswith(FEE_ENDINGS):
        return False
    return not STOP_RE.fullmatch(name)


def _is_goods_word(msg: Message, start: int, end: int) -> bool:
    return all(label == GOODS_LABEL for label in msg.labels[start:end])


def _inside_goods(msg: Message, start: int, end: int) -> bool:
    return any(label == GOODS_LABEL for label in msg.labels[start:end])


def _after_leading_word(msg: Message, pos: int, end: int) -> int:
    """西红柿便宜卖了: a known word followed by two or more unknown characters ends there."""
    if msg.labels[pos] != GOODS_LABEL:
        return end
    word_end = pos
    while word_end < end and msg.labels[word_end] == GOODS_LABEL and (
            word_end == pos or word_end not in msg.joints):
        word_end += 1
    return word_end if end - word_end >= 2 else end


def _first_stop(msg: Message, start: int, end: int) -> int | None:
    inner = _inside_words(msg.text, start, end)
    for m in STOP_RE.finditer(msg.text, start, end):
        if not _inside_goods(msg, m.start(), m.end()) and m.start() not in inner:
            return m.start()
    return None


def _last_stop_end(msg: Message, start: int, end: int) -> int | None:
    last = None
    inner = _inside_words(msg.text, start, end)
    for m in STOP_RE.finditer(msg.text, start, end):
        if not _inside_goods(msg, m.start(), m.end()) and m.start() not in inner:
            last = m.end()
    return last


def _inside_words(text: str, start: int, end: int) -> frozenset[int]:
    """Positions inside a word jieba knows of three or more characters (仙客来, 金不换):
    a cue character there (来, 不) is part of the name, not the end of it."""
    if end - start < 3 or not STOP_RE.search(text, start, end):
        return frozenset()
    inner: set[int] = set()
    pos = start
    for word in words(text[start:end]):
        if len(word) >= 3:
            inner.update(range(pos + 1, pos + len(word)))
        pos += len(word)
    return frozenset(inner)
