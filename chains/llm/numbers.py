"""Every number a message could be saying, so post-validation can refuse invented values.

Deliberately generous (a superset: 一共 also yields 1): a false "present" only lets a
value through that the model chose, while a false "absent" would erase a correct one.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100_000_000}
_CN_RUN = re.compile(r"[零〇一二两俩三四五六七八九十百千万亿]+")
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*([十百千万]?)")
# 两块五 = 2.5, 2块5 = 2.5, 一块二毛 = 1.2, 八毛 = 0.8
_YUAN_JIAO = re.compile(
    r"([\d零〇一二两俩三四五六七八九十百千万.]+)[块元米]([\d一二两三四五六七八九])"
)
_JIAO = re.compile(r"([\d一二两三四五六七八九])毛([\d一二两三四五六七八九]?)")  # 两毛五 = 0.25
MAX_RUN = 12


def numbers_in(text: str) -> set[Decimal]:
    """All numbers the text may state, in arabic, Chinese and colloquial money forms."""
    found: set[Decimal] = set()
    for value, unit in _ARABIC.findall(text):
        base = Decimal(value)
        found.add(base)
        if unit:
            found.add(base * UNITS[unit])
    for run in _CN_RUN.findall(text):
        # every piece: 一共一万 holds 一万, 二十八一扎 holds 二十八
        for start in range(min(len(run), MAX_RUN)):
            for end in range(start + 1, min(len(run), start + MAX_RUN) + 1):
                value = chinese_to_decimal(run[start:end])
                if value is not None:
                    found.add(value)
    for yuan, jiao in _YUAN_JIAO.findall(text):
        whole = _any_number(yuan)
        tenth = _any_number(jiao)
        if whole is not None and tenth is not None:
            found.add(whole + tenth / 10)
    for jiao, fen in _JIAO.findall(text):
        tenth, hundredth = _any_number(jiao), _any_number(fen) if fen else Decimal(0)
        if tenth is not None and hundredth is not None:
            found.update({tenth / 10, tenth / 10 + hundredth / 100})  # 八毛一枝: 0.8 per 1
    return found


def contains_number(text: str, value: Decimal, candidates: set[Decimal] | None = None) -> bool:
    """True when `value` (to the cent) is among the numbers the text states."""
    pool = numbers_in(text) if candidates is None else candidates
    return any(abs(value - c) < Decimal("0.005") for c in pool)


def chinese_to_decimal(run: str) -> Decimal | None:
    """一万二 -> 12000, 两千五 -> 2500, 三百五 -> 350, 十五 -> 15; None if not a number."""
    if not run or (run[0] in UNITS and run[0] != "十"):
        return None
    if any(ch not in DIGITS and ch not in UNITS for ch in run):
        return None
    total, section, digit, last_unit = 0, 0, None, 1
    for ch in run:
        if ch in DIGITS:
            digit = DIGITS[ch]
            continue
        unit = UNITS[ch]
        if unit >= 10000:
            section = (section + (digit or 0)) * unit
            total += section
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * unit
            digit = None
        last_unit = unit
    if digit is not None:  # colloquial tail: 一万二 means 12000, not 10002
        colloquial = last_unit >= 10 and run[-2] != "零"
        section += digit * (last_unit // 10 if colloquial else 1)
    return Decimal(total + section)


def _any_number(token: str) -> Decimal | None:
    try:
        return Decimal(token)
    except InvalidOperation:
        return chinese_to_decimal(token)
