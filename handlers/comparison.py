"""环比: a period's figure against the period before it.

The period before 今天 is 昨天, before 这周 last week (Monday to Sunday), before 本月 last
month (all of it), before 今年 last year; a period that is none of these (3月5号到3月20号)
is not compared. The change is (this − last) / last; when last is zero there is nothing to
divide by and the answer says so. A negative last (净亏 last month) is divided by its size,
so a smaller loss reads as a rise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from handlers import render

COMPARED = ("income", "expense", "net", "loss")
# Words that say which period was meant when the dates alone fit several (本月 on the 1st
# is one day; 这周 on a Monday that is also the 1st).
_HINTS = (("week", ("周", "星期", "礼拜")), ("month", ("月",)), ("year", ("年",)))


@dataclass(frozen=True, slots=True)
class Previous:
    start: dt.date
    end: dt.date
    label: str  # 昨天 / 上周 / 上月 / 去年, or 前一天 … for a period that is not the current one


def previous(start: dt.date | None, end: dt.date | None, today: dt.date,
             said: str = "") -> Previous | None:
    """The period before [start, end], or None when it is no day, week, month or year."""
    if start is None:
        return None
    end = end or today
    hinted = [kind for kind, words in _HINTS if any(w in said for w in words)]
    for kind in (*hinted, "day", "week", "month", "year"):
        found = _before(kind, start, end, today)
        if found is not None:
            return found
    return None


def _before(kind: str, start: dt.date, end: dt.date, today: dt.date) -> Previous | None:
    one = dt.timedelta(days=1)
    if kind == "day" and start == end:
        return Previous(start - one, start - one, "昨天" if start == today else "前一天")
    if kind == "week" and start.weekday() == 0 and end <= start + dt.timedelta(days=6):
        current = start <= today <= start + dt.timedelta(days=6)
        return Previous(start - 7 * one, start - one, "上周" if current else "前一周")
    if kind == "month" and start.day == 1 and (end.year, end.month) == (start.year, start.month):
        last_month_end = start - one
        current = (today.year, today.month) == (start.year, start.month)
        return Previous(last_month_end.replace(day=1), last_month_end,
                        "上月" if current else "前一个月")
    if kind == "year" and (start.month, start.day) == (1, 1) and end.year == start.year:
        current = today.year == start.year
        return Previous(dt.date(start.year - 1, 1, 1), dt.date(start.year - 1, 12, 31),
                        "去年" if current else "前一年")
    return None


def change(this: Decimal, last: Decimal) -> Decimal | None:
    """(this − last) / |last| as a percentage to one decimal; None when last is zero."""
    if last == 0:
        return None
    return ((this - last) * 100 / abs(last)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def describe(this: Decimal, last: Decimal, prev: Previous) -> str:
    """比上月多 ¥2,000（+20%）. Last period's own figure is not repeated: an answer about
    today must not read as yesterday's takings."""
    pct = change(this, last)
    if pct is None:
        return f"{prev.label}为零，没法算环比。"
    if this == last:
        return f"和{prev.label}一样。"
    more = "多" if this > last else "少"
    sign = "+" if pct > 0 else ""
    by = render.money(abs(this - last))
    return f"比{prev.label}{more} {by}（{sign}{render.number(pct)}%）。"
