"""Message normalisation that remembers where every character came from.

Speech recognisers and phone keyboards give full-width digits, stray spaces, emoji and
fillers (嗯, 那个, 就是); the rules read one clean form, while spans must still point into
the text the user wrote, so each normalised character keeps its original index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SEP = "，"

# Fillers a speech recogniser leaves in; 那个 stays when it refers (那个月, 那个人).
_FILLERS = re.compile(r"嗯+|呃+|啊+|唉|诶|哎呀|哎|那个(?![月人时星礼])|就是|然后")

_KEEP_PUNCT = {"、": "、"}
_SEPARATOR_CATEGORIES = ("Z", "P", "S")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Clean text plus, for each character, its index in the original message."""

    text: str
    origin: tuple[int, ...]
    original: str

    def slice(self, start: int, end: int) -> Normalized:
        """Part of the clean text that still points into the whole original message."""
        return Normalized(self.text[start:end], self.origin[start:end], self.original)

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covered by normalised [start, end)."""
        if not self.origin:
            return 0, 0
        start = min(max(start, 0), len(self.origin) - 1)
        last = min(max(end - 1, start), len(self.origin) - 1)
        return self.origin[start], self.origin[last] + 1


def normalize(original: str) -> Normalized:
    chars, origin = _clean_chars(original)
    chars, origin = _drop_fillers(chars, origin)
    chars, origin = _squeeze_separators(chars, origin)
    return Normalized("".join(chars), tuple(origin), original)


def _clean_chars(original: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        for out in _map_char(ch, original, i):
            chars.append(out)
            origin.append(i)
    return chars, origin


# Dialect pronouns read as the plain one: 俺还欠老赵 is 我还欠老赵.
_PRONOUNS = {"俺": "我"}


# 粤语 characters of plain words: 烂咗 is 烂了, 攞咗 is 拿了.
_CANTONESE = {"咗": "了", "攞": "拿"}
# 吴语 and older writing: 廿斤 is twenty 斤.
_TENS = {"廿": "二十", "卅": "三十"}
_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万0123456789"


def _map_char(ch: str, text: str, i: int) -> str:
    if ch in _PRONOUNS:
        return _PRONOUNS[ch]
    if ch in _TENS:
        return _TENS[ch]
    if ch in _CANTONESE:
        return _CANTONESE[ch]
    if ch == "啲" and (i == 0 or not "\u4e00" <= text[i - 1] <= "\u9fff"):
        return ""  # 啲菜心烂咗: "the" before goods, no part of their name
    if ch == "蚊" and text[i - 1:i] and text[i - 1] in _NUMERAL_CHARS:
        return "块"  # 六十蚊: 粤 for 元
    if ch == "快" and _money_unit_slot(text, i):
        return "块"  # the speech recogniser's 三快五 is 三块五
    if ch == "帐" and not _tent(text, i):
        return "账"  # 结帐, 记帐, 赊帐: the older written form of the account word
    if "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum()):
        return ch.lower()
    if ch in _KEEP_PUNCT:
        return _KEEP_PUNCT[ch]
    if ch == "." or ch == "．":
        # a decimal point only between digits: 1.2万
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        return "." if _is_digit(before) and _is_digit(after) else SEP
    if ch in "/／":
        return "/"
    category = unicodedata.category(ch)
    if category[0] == "C":
        return ""
    if category[0] in _SEPARATOR_CATEGORIES:
        return SEP
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii() and folded.isalnum():
        return folded.lower()
    return ch


def _money_unit_slot(text: str, i: int) -> bool:
    """Right after a numeral and before a numeral, 钱, a pause or the end: where 块 stands."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    return bool(before) and before in _NUMERAL_CHARS and (
        not after or after in _NUMERAL_CHARS or after in "钱，,。 ")


def _tent(text: str, i: int) -> bool:
    """蚊帐 and 帐篷 are goods (a net, a tent), not the account."""
    return text[i - 1:i] == "蚊" or text[i + 1:i + 2] == "篷"


def _is_digit(ch: str) -> bool:
    return bool(ch) and unicodedata.normalize("NFKC", ch).isdigit()


def _drop_fillers(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    if not _FILLERS.search(text):
        return chars, origin
    keep_chars: list[str] = []
    keep_origin: list[int] = []
    pos = 0
    for m in _FILLERS.finditer(text):
        keep_chars.extend(chars[pos:m.start()])
        keep_origin.extend(origin[pos:m.start()])
        pos = m.end()
    keep_chars.extend(chars[pos:])
    keep_origin.extend(origin[pos:])
    return keep_chars, keep_origin


def _squeeze_separators(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    out_chars: list[str] = []
    out_origin: list[int] = []
    for ch, idx in zip(chars, origin, strict=True):
        if ch in (SEP, "、") and (not out_chars or out_chars[-1] in (SEP, "、")):
            continue
        out_chars.append(ch)
        out_origin.append(idx)
    while out_chars and out_chars[-1] in (SEP, "、"):
        out_chars.pop()
        out_origin.pop()
    return out_chars, out_origin
