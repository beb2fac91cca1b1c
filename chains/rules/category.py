"""What money not spent on goods was for (GUIDE `category`): 运费, 摊位费, 工资, 房租, 维修.

The category is the fee word as written, without amounts: any noun ending in 费 (电费,
冷链运费, 过磅费), the wage and rent words, and the few bills vendors name without 费
(油钱, 维修). Goods money (货款, 菜钱) and debts are not a category.
"""

from __future__ import annotations

import re

# Characters that end the reach back from 费: numbers, particles, verbs of paying.
_NOT_FEE_CHARS = set(
    "零〇一二两三四五六七八九十百千万块元钱的了交付给花是这那把和跟还欠先另外又也都共月年个些点"
    "今昨前天号周半"
)
_FEE_RE = re.compile(r"费")
_WORD_RE = re.compile(
    r"工资|工钱|人工钱|人工费|租金|房租|地租|摊租|油钱|油费|维修|修理|修车|搬运|路费|车费"
    r"|(?:拉|送|搬|运|装|卸)(?:货|车)的?钱"
)
_MAX_REACH = 4
# People paid for a service, said before its fee (给司机运费): not part of the category.
_PAYEES = ("司机", "师傅", "小工", "工人", "伙计", "帮工")


def find_category(text: str) -> tuple[str, int, int] | None:
    """The first fee word of the text with its [start, end), or None."""
    found: list[tuple[str, int, int]] = []
    for m in _FEE_RE.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < _MAX_REACH and (
                _fee_char(text[start - 1]) or _word_kuai(text, start - 1)):
            start -= 1
        if start < m.start():
            found.append((text[start:m.end()], start, m.end()))
    for m in _WORD_RE.finditer(text):
        if not any(s <= m.start() < e for _, s, e in found):
            found.append((m.group(0), m.start(), m.end()))
    if not found:
        return None
    return _without_payee(text, _joined(text, sorted(found, key=lambda f: f[1])))


def _joined(text: str, found: list[tuple[str, int, int]]) -> tuple[str, int, int]:
    """运费装卸费一共一百二: fees said back to back under one sum are one category."""
    _, start, end = found[0]
    for _, s, e in found[1:]:
        if s > end:
            break
        end = max(end, e)
    return text[start:end], start, end


def _without_payee(text: str, fee: tuple[str, int, int]) -> tuple[str, int, int]:
    """司机运费 / 小工工钱: the person paid is who, not what the money was for."""
    word, start, end = fee
    for who in _PAYEES:
        if word.startswith(who) and len(word) > len(who) + 1:
            return word[len(who):], start + len(who), end
    return fee


def _word_kuai(text: str, i: int) -> bool:
    """冰块费: a 块 after a word is part of it; after a number (三十块运费) it is money."""
    return text[i] == "块" and i > 0 and _fee_char(text[i - 1])


def _fee_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _NOT_FEE_CHARS
