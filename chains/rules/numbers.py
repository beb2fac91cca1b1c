"""Numerals as vendors say and type them: 五千, 一万二, 1.2万, 两千五, 三百五, 两块五, 八毛.

`cn2an` reads the Chinese numeral itself (including the colloquial 一万二 = 12000);
this module finds where a numeral starts and ends and adds the money forms cn2an does
not know (块/毛/角/分).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_PLACES = "十百千万亿"

# A Chinese numeral starts with a digit or 十 (百合 and 千叶 are names, not numbers).
CN_NUMERAL_RE = re.compile(r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
# 1.2万, 3千, 1万2 (the trailing digit counts in the next lower place).
AR_NUMERAL_RE = re.compile(r"(\d+(?:\.\d+)?)(?:([万千百])(\d(?!\d))?)?")

# Neighbouring digits (三四, 七八, 一两, 两三, and the idiom 三五) said together: a range
# (三四十斤, 两三天前), never one number.
RANGE_PAIR_RE = re.compile(r"一二|一两|二三|两三|三四|三五|四五|五六|六七|七八|八九")

_PLACE_VALUE = {"万": Decimal(10000), "千": Decimal(1000), "百": Decimal(100)}
_JIAO_DIGIT = {**{c: Decimal(i) for i, c in enumerate("零一二三四五六七八九")}, "两": Decimal(2)}
_JIAO_DIGIT.update({str(i): Decimal(i) for i in range(10)})

MAX_VALUE = Decimal(10) ** 12


@lru_cache(maxsize=4096)
def parse_cn_numeral(numeral: str) -> Decimal | None:
    """A Chinese numeral string as a number, or None when it is not one."""
    if not numeral or len(numeral) > 20:
        return None
    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if 0 <= number < MAX_VALUE else None


def parse_ar_numeral(match: re.Match[str]) -> Decimal | None:
    digits, place, tail = match.group(1), match.group(2), match.group(3)
    if len(digits.split(".")[0]) > 12:
        return None
    value = Decimal(digits)
    if place:
        value *= _PLACE_VALUE[place]
        if tail:
            value += Decimal(tail) * _PLACE_VALUE[place] / 10
    return value


def jiao_digit(ch: str) -> Decimal | None:
    return _JIAO_DIGIT.get(ch)


def cn_numeral_at(text: str, pos: int) -> tuple[int, Decimal] | None:
    """The longest valid Chinese numeral starting at pos: (end, value)."""
    m = CN_NUMERAL_RE.match(text, pos)
    if not m:
        return None
    end = _before_weight_liang(text, pos, m.end())
    while end > pos:
        value = parse_cn_numeral(text[pos:end])
        if value is not None:
            return end, value
        end -= 1
    return None


def _before_weight_liang(text: str, pos: int, end: int) -> int:
    """八两 / 十两 are a weight in 两, never 82 or 12: a 两 right after a digit or 十 ends
    the numeral (一万两千 keeps it: 两 after a higher place, or after 零, is the digit two:
    一万零两百)."""
    for j in range(pos + 1, end):
        if text[j] == "两" and text[j - 1] not in "零〇" and (
                text[j - 1] in CN_DIGITS or text[j - 1] == "十"):
            return j
    return end


def yuan(whole: Decimal, jiao: Decimal | None = None, fen: Decimal | None = None) -> Decimal:
    value = whole
    if jiao is not None:
        value += jiao / 10
    if fen is not None:
        value += fen / 100
    return value


def to_decimal(value: Decimal | float | int) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
