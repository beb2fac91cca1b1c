"""Number tokens of a message: money (两块五), quantities (200盆), per-unit markers (每盆, 一扎).

The scan claims characters in the `Message` so later rules see which parts are numbers;
dates are claimed before this runs, so 3号 and 周三 never turn into amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from chains.rules.lexicon import GOODS, OTHER_UNITS, PRODUCT_UNITS
from chains.rules.message import FREE, Message
from chains.rules.numbers import (
    AR_NUMERAL_RE,
    CN_NUMERAL_RE,
    RANGE_PAIR_RE,
    cn_numeral_at,
    jiao_digit,
    parse_ar_numeral,
    parse_cn_numeral,
    yuan,
)

MONEY = "money"
QTY = "qty"
BARE = "bare"
PER = "per"

# 月底/月末/月初 are points in time, not "months": 一斤二十八月底结 is 28 a jin, paid at
# the end of the month.
_UNIT_RE = re.compile(
    "(?:" + "|".join(sorted({*PRODUCT_UNITS, *OTHER_UNITS}, key=len, reverse=True)) + ")"
    r"(?!(?<=月)[底末初])"
    # 五千尾款 is money for the rest of a debt, not five thousand fish (尾)
    r"(?!(?<=尾)[款数])"
)
# 两 is a tenth of a 斤; it is a unit only right after a numeral (八两), see _liang_at.
LIANG = "两"
_PRODUCT_UNIT_SET = frozenset(PRODUCT_UNITS) | {LIANG}
# Goods whose name opens like a time unit after 个 (个|月饼, 个|月季 vs 个月).
_GOODS_AFTER_GE = tuple(g for g in GOODS if any(u.startswith("个" + g[0]) for u in OTHER_UNITS))
_LIANG_NEXT_RE = re.compile(r"[一二两三四五六七八九\d]两")  # 一斤二两: a weight, not 一斤 a price
_NOT_AFTER_LIANG = set("百千万亿块元钱毛角个") | set(PRODUCT_UNITS)
_YUAN_RE = re.compile(r"块钱|块|元钱|元|圆|米|蚊")
_JIAO_RE = re.compile(r"毛钱|毛|角钱|角")
_FEN_RE = re.compile(r"分钱|分")
_FEN_ALONE_RE = re.compile(r"分钱|分(?=[，、]|$)")
_APPROX_BEFORE = ("大概", "大约", "约", "差不多", "将近", "估计", "大致", "估摸", "好像",
                  "可能", "大概是", "约莫", "近")
_APPROX_AFTER = "来多余几把"
_PRICE_GLUE = "是要卖算为值"
_PAUSES = "，、"
# Spoken counts that are not numerals to cn2an: 俩 (two of), 仨 (three of).
_COLLOQUIAL_COUNTS = {"俩": Decimal(2), "仨": Decimal(3)}
_LINK_LIMIT = 24  # a numeral longer than this is a serial number, not an amount
# Measure words that are also verbs (包了, 打了, 把…给): not a unit when a verb tail follows.
_VERB_LIKE_UNITS = frozenset({"包", "打", "把", "提", "排", "盘", "对", "套", "兜", "板", "片"})
_VERB_TAILS = frozenset("了走给下住着到过")


@dataclass(slots=True)
class NumTok:
    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str | None = None
    approx: bool = False
    weak: bool = False  # a lone 一/两/三 without unit: not an amount (两清, 一下)
    used: bool = False
    per_next: bool = False  # a per marker whose price follows it (每盆3块, 一扎二十五)

    @property
    def is_product_qty(self) -> bool:
        return self.kind == QTY and self.unit in _PRODUCT_UNIT_SET

    @property
    def is_money_like(self) -> bool:
        return self.kind in (MONEY, BARE) and not self.weak


def scan(msg: Message) -> list[NumTok]:
    tokens: list[NumTok] = []
    text = msg.text
    i = 0
    while i < len(text):
        if msg.labels[i] != FREE:
            i += 1
            continue
        tok = _token_at(msg, i, tokens[-1] if tokens else None)
        if tok is None:
            i += 1
            continue
        tokens.append(tok)
        msg.mark(tok.start, tok.end, "num")
        i = tok.end
    return _weights_in_jin(tokens)


def _weights_in_jin(tokens: list[NumTok]) -> list[NumTok]:
    """12斤8两 is 12.8 斤 and 三两 is 0.3 斤; a price per 两 (一两一百二) keeps 两 as said."""
    per_liang = any(t.kind == PER and t.unit == LIANG for t in tokens)
    out: list[NumTok] = []
    for tok in tokens:
        if tok.kind != QTY or tok.unit != LIANG or per_liang:
            out.append(tok)
            continue
        prev = out[-1] if out else None
        tenths = tok.value / 10 if tok.value is not None else None
        if prev is not None and prev.kind == QTY and prev.unit == "斤" and prev.end == tok.start:
            prev.end = tok.end
            prev.value = None if prev.value is None or tenths is None else prev.value + tenths
            continue
        tok.unit, tok.value = "斤", tenths
        out.append(tok)
    return out


def _liang_at(text: str, pos: int) -> bool:
    """八两虾 / 三两 at the end: 两 as a weight, not the 两 of 两百 or 三两个 (a few)."""
    if not text.startswith(LIANG, pos):
        return False
    after = text[pos + 1:pos + 2]
    return after not in _NOT_AFTER_LIANG


def unit_at(text: str, pos: int) -> str | None:
    m = _UNIT_RE.match(text, pos)
    if m is None:
        return None
    unit = m.group(0)
    if len(unit) > 1 and unit[0] == "个" and text.startswith(_GOODS_AFTER_GE, pos + 1):
        return "个"  # 一千个月饼 is a thousand mooncakes, not a thousand months
    return unit


def product_unit_at(text: str, pos: int) -> str | None:
    unit = unit_at(text, pos)
    return unit if unit in _PRODUCT_UNIT_SET else None


def _token_at(msg: Message, i: int, prev: NumTok | None) -> NumTok | None:
    text = msg.text
    ch = text[i]
    if ch in "每/":
        return _per_marker(msg, i, prev)
    if ch == "几" or text.startswith("好几", i):
        return _vague_count(msg, i)
    if text.startswith("斤半", i) and not (i and CN_NUMERAL_RE.match(text, i - 1)):
        return NumTok(i, i + 2, QTY, Decimal("1.5"), unit="斤")  # 斤半: a jin and a half
    if ch == "半" and unit_at(text, i + 1):  # 半斤, 半箱
        unit = unit_at(text, i + 1) or ""
        return NumTok(i, i + 1 + len(unit), QTY, Decimal("0.5"), unit=unit)
    numeral = _cn_range_at(msg, i)
    ranged = numeral is not None
    numeral = numeral or _numeral_at(msg, i)
    if numeral is None:
        return None
    end, value, digits = numeral
    approx = ranged or _approx_before(text, i)
    if end < len(text) and text[end] in _APPROX_AFTER and _vague_suffix_ok(text, end):
        approx = True
        end += 1
    tok = _money_at(text, i, end, value) or _quantity_at(msg, i, end, value, prev)
    if tok is None:
        weak = len(digits) == 1 and not digits.isdigit()
        tok = NumTok(i, end, BARE, value, weak=weak)
    tok.approx = tok.approx or approx
    if text.startswith(("左右", "上下"), tok.end):
        tok.approx = True
        tok.end += 2
    if tok.approx:
        tok.value = None
    return tok


def _numeral_at(msg: Message, i: int) -> tuple[int, Decimal, str] | None:
    text = msg.text
    # digits glued to a latin word are a code (iphone15); a Chinese numeral right after
    # a digit is not (1块5一斤: the 一 is the per-unit marker)
    if i > 0 and text[i - 1].isascii() and text[i - 1].isalnum() and (
            text[i].isascii() or text[i - 1].isalpha()):
        return None
    if text[i] in _COLLOQUIAL_COUNTS:  # 俩筐, 仨托盘
        return i + 1, _COLLOQUIAL_COUNTS[text[i]], text[i]
    m = AR_NUMERAL_RE.match(text, i)
    if m:
        if m.end() - i > _LINK_LIMIT:
            return None
        value = parse_ar_numeral(m)
        return None if value is None else (m.end(), value, m.group(0))
    if not CN_NUMERAL_RE.match(text, i):
        return None
    found = cn_numeral_at(text, i)
    if found is None:
        return None
    end, value = found
    end = _free_end(msg, i, end)
    digits = text[i:end]
    # 二十八一扎 is "28 a bundle": the trailing 一 belongs to the per-unit marker
    if (len(digits) > 1 and digits.endswith("一") and digits[-2] not in "十零〇"
            and product_unit_at(text, end)):
        end -= 1
        digits = digits[:-1]
    if digits != text[i:found[0]]:
        value = parse_cn_numeral(digits)
        if value is None:
            return None
    return end, value, digits


def _cn_range_at(msg: Message, i: int) -> tuple[int, Decimal, str] | None:
    """三四十斤, 七八箱, 十七八斤, 两三百块: two neighbouring digits say a range, not a number.

    The value is the upper reading (only to find the extent); the token is approximate.
    """
    m = CN_NUMERAL_RE.match(msg.text, i)
    if not m:
        return None
    raw = msg.text[i:_free_end(msg, i, m.end())]
    pair = RANGE_PAIR_RE.search(raw)
    if pair is None:
        return None
    after = i + pair.end()
    if pair.group(0) == "一两" and not (msg.text.startswith(("百", "千", "万"), after)
                                      or unit_at(msg.text, after)):
        return None  # 一两一百二 / 一两茶叶: one 两, while 一两百块 / 一两个 say "one or two"
    end = i + pair.end()
    while end < i + len(raw) and raw[end - i] in "十百千万":
        end += 1  # 三四十 / 两三百: the place after the pair is part of the range
    upper = raw[:pair.start()] + raw[pair.start() + 1:end - i]
    value = parse_cn_numeral(upper)
    return None if value is None else (end, value, raw[:end - i])


def _free_end(msg: Message, start: int, end: int) -> int:
    for j in range(start, end):
        if msg.labels[j] != FREE:
            return j
    return end


def _approx_before(text: str, i: int) -> bool:
    head = text[max(0, i - 4):i]
    return head.endswith(_APPROX_BEFORE) or head.endswith(tuple(w + "是" for w in _APPROX_BEFORE))


def _vague_suffix_ok(text: str, pos: int) -> bool:
    """十来盆, 一百多块, 两千多: the vague word is followed by a unit, money or a pause."""
    nxt = pos + 1
    if nxt >= len(text) or text[nxt] in "，、":
        return text[pos] != "把"
    return bool(unit_at(text, nxt) or _YUAN_RE.match(text, nxt) or _JIAO_RE.match(text, nxt)
                or text.startswith(("个", "钱"), nxt))


def _money_at(text: str, start: int, end: int, value: Decimal) -> NumTok | None:
    m = _YUAN_RE.match(text, end)
    if m:
        if m.group(0) == "米" and product_unit_at(text, m.end()):
            return None
        k = m.end()
        if text.startswith("半", k):  # 两块半
            return NumTok(start, k + 1, MONEY, value + Decimal("0.5"))
        jiao, k = _small_change(text, k)
        return NumTok(start, k, MONEY, yuan(value, jiao))
    m = _JIAO_RE.match(text, end)
    if m:
        k = m.end()
        fen = None
        if k < len(text) and jiao_digit(text[k]) is not None and not product_unit_at(text, k + 1):
            fen = jiao_digit(text[k])
            k += 1
            fm = _FEN_RE.match(text, k)
            k = fm.end() if fm else k
        return NumTok(start, k, MONEY, yuan(Decimal(0), value, fen))
    return _fen_at(text, start, end, value)


def _fen_at(text: str, start: int, end: int, value: Decimal) -> NumTok | None:
    """一个五分钱: cents alone (screws, sweets). 分 without 钱 only at a pause, since
    五分 is also a score or 五分钟 a time."""
    m = _FEN_ALONE_RE.match(text, end)
    if m is None or value >= 10:
        return None
    return NumTok(start, m.end(), MONEY, value / 100)


def _small_change(text: str, k: int) -> tuple[Decimal | None, int]:
    """两块五, 一块二毛五: the 角 (and 分) said after 块."""
    if k >= len(text) or jiao_digit(text[k]) is None:
        return None, k
    after = text[k + 1] if k + 1 < len(text) else ""
    if product_unit_at(text, k + 1) or (after and after in "十百千万") or after.isdigit():
        return None, k
    jiao = jiao_digit(text[k])
    k += 1
    m = _JIAO_RE.match(text, k)
    if m:
        k = m.end()
        if k < len(text) and jiao_digit(text[k]) is not None and not product_unit_at(text, k + 1):
            fen = jiao_digit(text[k])
            k += 1
            fm = _FEN_RE.match(text, k)
            k = fm.end() if fm else k
            return (jiao or Decimal(0)) + (fen or Decimal(0)) / 10, k
    return jiao, k


def _quantity_at(
    msg: Message, start: int, end: int, value: Decimal, prev: NumTok | None
) -> NumTok | None:
    text = msg.text
    unit = unit_at(text, end) or (LIANG if _liang_at(text, end) else None)
    if unit is None:
        return None
    if msg.labels[end] != FREE:
        return None
    k = end + len(unit)
    if unit in _VERB_LIKE_UNITS and text[k:k + 1] in _VERB_TAILS:
        return None  # 一万二包了: 包 is the verb here
    if value == 1 and unit in _PRODUCT_UNIT_SET and text[start:end] in ("一", "1") \
            and not (unit == "斤" and _LIANG_NEXT_RE.match(text, k)):
        after_prev = (prev is not None and prev.end == start and prev.kind in (MONEY, BARE))
        if after_prev:
            return NumTok(start, k, PER, None, unit=unit)
        if _number_follows(text, k):
            return NumTok(start, k, PER, None, unit=unit, per_next=True)
        # a recogniser's pause splits a price (一块二 一斤 / 一箱 五十): a bare 一箱 standing
        # alone between pauses is the per-unit marker, while 两百，一箱苹果 keeps its count
        alone = ((start == 0 or text[start - 1] in _PAUSES)
                 and (k >= len(text) or text[k] in _PAUSES))
        if alone and prev is not None and prev.kind in (MONEY, BARE) and prev.end == start - 1:
            return NumTok(start, k, PER, None, unit=unit)
        if alone and k < len(text) and _number_follows(text, k + 1):
            return NumTok(start, k, PER, None, unit=unit, per_next=True)
    if text.startswith("半", k):  # 三斤半
        return NumTok(start, k + 1, QTY, value + Decimal("0.5"), unit=unit)
    return NumTok(start, k, QTY, value, unit=unit)


def _number_follows(text: str, k: int) -> bool:
    while k < len(text) and text[k] in _PRICE_GLUE:
        k += 1
    return k < len(text) and (text[k].isdigit() or bool(CN_NUMERAL_RE.match(text, k)))


def _per_marker(msg: Message, i: int, prev: NumTok | None) -> NumTok | None:
    text = msg.text
    k = i + 1
    if text[i] == "每" and text.startswith("一", k):
        k += 1
    unit = product_unit_at(text, k)
    if unit is None:
        return None
    if text[i] == "/" and (prev is None or prev.end != i):
        return None
    return NumTok(i, k + len(unit), PER, None, unit=unit, per_next=text[i] == "每")


def _vague_count(msg: Message, i: int) -> NumTok | None:
    """好几袋, 几十盆, 几百块: a count or sum that is not a number."""
    text = msg.text
    k = i + (2 if text.startswith("好几", i) else 1)
    if k < len(text) and text[k] in "十百千万":
        k += 1
    money = _YUAN_RE.match(text, k)
    if money and money.group(0) != "米":
        return NumTok(i, money.end(), MONEY, None, approx=True)
    unit = unit_at(text, k)
    if unit is None:
        return None
    return NumTok(i, k + len(unit), QTY, None, unit=unit, approx=True)
