"""What a message says that no entry may silently take: a day that does not exist or has
not come yet, a year outside the books, a negative sum.

The extractor reads such a message as best it can (an impossible day leaves the date at
today, "-500" reads as 500); these checks keep the text's own evidence, so the dialogue
asks instead of saving the guess.
"""

from __future__ import annotations

import datetime as dt
import re

from chains.rules.dates import find_day
from chains.rules.numbers import parse_cn_numeral
from ledger.limits import MIN_YEAR

_CN = "零〇一二两三四五六七八九十百千万"
# A calendar day, as opposed to a vague one (两三天前): it has a month, a 号 or digits.
_CALENDAR = re.compile(r"[月号日/\-.]")
_AGO = re.compile(r"天(?:以)?前$")
_YEAR = re.compile(r"(?<![\d" + _CN + r"])(\d{1,4}|[零〇一二两三四五六七八九]{2,4})年"
                   r"(?=\s*(?:\d|[一二三四五六七八九十]+)月)")
# 明天卖了… at the start of the message (after 我/俺): the entry's own day, still to come.
# Further on, 明天 is usually when something is to happen (明天给钱), not the entry's date.
_SUBJECT = re.compile(r"^\s*(?:我|俺|咱)?")
_FUTURE = re.compile(_SUBJECT.pattern + r"(明天|明儿|明日|后天|大后天)")
# A minus after a digit or letter is a range or a code (3-5斤, A-1), not a sign.
_NEGATIVE = re.compile(r"(?<![0-9A-Za-z.])([-−－]\s*\d[\d,.]*|负\s*[\d" + _CN + r"]+)")


def doubtful_day(text: str, today: dt.date) -> str | None:
    """The day expression of `text` that names no day of the books, or None."""
    lead = len(text) - len(_SUBJECT.sub("", text, count=1))
    for found in find_day(text, today):
        said = text[found.start:found.end]
        if found.first is None and _CALENDAR.search(said) and not _AGO.search(said):
            return said
        if found.first is not None and found.first > today and found.start <= lead:
            return said  # 下周三卖了… opens the message: the entry's day, still to come
    for m in _YEAR.finditer(text):
        year = _year(m.group(1))
        if year is None or not MIN_YEAR <= year <= today.year:
            return m.group(0)
    ahead = _FUTURE.search(text)
    return ahead.group(1) if ahead else None


def negative_amount(text: str) -> str | None:
    """A sum said with a minus sign or 负 (-500, 负五百), or None."""
    m = _NEGATIVE.search(text)
    return m.group(1).strip() if m else None


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "".join(str("零一二三四五六七八九".index("零" if c == "〇" else c))
                     for c in text if c in "零〇一二三四五六七八九")
    if len(digits) == len(text):
        return int(digits)
    value = parse_cn_numeral(text)
    return int(value) if value is not None else None
