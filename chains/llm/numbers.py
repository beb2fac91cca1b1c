"""Every number a message could be saying, so post-validation can refuse invented values.

Deliberately generous (a superset: 一共 also yields 1): a false "present" only lets a
value through that the model chose, while a false "absent" would erase a correct one.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from chains.rules.numbers import parse_cn_numeral

_COLLOQUIAL = str.maketrans({"俩": "两", "仨": "三"})
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100_000_000}
_CN_RUN = re.compile(r"[零〇一二两俩仨三四五六七八九十百千万亿]+")
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*([十百千万]?)")
# 两块五 = 2.5, 2块5 = 2.5, 一块二毛 = 1.2, 八毛 = 0.8
_YUAN_JIAO = re.compile(
    r"([\d零〇一二两俩三四五六七八九十百千万.]+)[块元米]([\d一二两三四五六七八九])"
)
_JIAO = re.compile(r"([\d一二两三四五六七八九])毛([\d一二两三四五六七八九]?)")  # 两毛五 = 0.25
MAX_RUN = 12
_DIGITS = r"[\d.零〇一二两俩仨三四五六七八九十百千]+"
# Weights and halves (GUIDE): 12斤8两 = 12.8, 一斤半 = 1.5, 一箱半 = 1.5, 半斤 = 0.5, 三两 = 0.3
_JIN_LIANG = re.compile(rf"({_DIGITS})斤({_DIGITS})两")
_AND_HALF = re.compile(rf"({_DIGITS})[^\d\s半]半")
_LIANG = re.compile(r"([\d.零〇一二三四五六七八九十]+)两")
HALF = Decimal("0.5")
TENTH = Decimal("0.1")


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
    found |= _weights(text)
    return found


def _weights(text: str) -> set[Decimal]:
    """Quantities said in 斤 and 两 or with 半, as the fraction of the bigger unit."""
    found: set[Decimal] = {HALF} if "半" in text else set()
    for jin, liang in _JIN_LIANG.findall(text):
        whole, tenths = _any_number(jin), _any_number(liang)
        if whole is not None and tenths is not None:
            found.add(whole + tenths * TENTH)
    for whole_text in _AND_HALF.findall(text):
        whole = _any_number(whole_text)
        if whole is not None:
            found.add(whole + HALF)
    for liang in _LIANG.findall(text):
        tenths = _any_number(liang)
        if tenths is not None:
            found.add(tenths * TENTH)
    return found


def contains_number(text: str, value: Decimal, candidates: set[Decimal] | None = None) -> bool:
    """True when `value` (to the cent) is among the numbers the text states."""
    pool = numbers_in(text) if candidates is None else candidates
    return any(abs(value - c) < Decimal("0.005") for c in pool)


def chinese_to_decimal(run: str) -> Decimal | None:
    """一万二 -> 12000, 两千五 -> 2500, 仨 -> 3; None if not a number. The rules extractor's
    numeral reading, so both paths agree on what a message says."""
    return parse_cn_numeral(run.translate(_COLLOQUIAL))


def _any_number(token: str) -> Decimal | None:
    try:
        return Decimal(token)
    except InvalidOperation:
        return chinese_to_decimal(token)
