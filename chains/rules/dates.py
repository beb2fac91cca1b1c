"""Days and periods relative to the day the message was sent (GUIDE "date" and "Queries").

Day words (昨天, 上周三, 3号, 12月28号) give an entry's date; period words (这周, 上个月,
今年) give a query's range. A period naming a debt or fee (上个月的账) never moves an
entry's date, so entry dates only come from day words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from chains.rules.numbers import RANGE_PAIR_RE, parse_cn_numeral

_NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十]{1,4})"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
# 一 after 周 is Monday unless it starts a word (上周一共, 这周一起)
_WD = r"(?:一(?![共起下直些点样定般半次批笔会])|[二三四五六日天1-7])"
_RELATIVE_DAYS = {"大前天": -3, "大前儿": -3, "大前日": -3, "前天": -2, "前日": -2, "前儿": -2,
                  "昨天": -1, "昨日": -1, "昨儿": -1, "昨晚": -1, "昨个": -1,
                  "琴日": -1, "寻日": -1,  # Cantonese 尋日, and how a recogniser writes it
                  "今天": 0, "今日": 0, "今儿": 0, "今早": 0, "今晚": 0, "今个": 0}
_TODAY_WORDS = ("早上", "上午", "中午", "下午", "晚上", "刚才", "刚刚", "傍晚", "凌晨")

DAY_RE = re.compile(
    r"(?P<rel>大前天|大前儿|大前日|前天|前日|前儿|昨天|昨日|昨儿|昨晚|昨个|琴日|寻日"
    r"|今天|今日|今儿|今早|今晚|今个)"
    r"|(?P<ago>" + _NUM + r")天(?:以)?前"
    r"|(?P<wkprefix>上上个?|上个?|这个?|本|下个?)?(?<![老小阿])(?:周|星期|礼拜)"
    r"(?P<wd>" + _WD + r")"
    r"(?![一二三四五六七八九十\d月号日])"
    r"|(?:(?P<year>\d{4}|[零〇一二两三四五六七八九]{4})年)?"
    r"(?:(?P<mprefix>上个?月|这个?月|本月)|(?P<month>" + _NUM + r")月份?)?"
    r"(?P<day>" + _NUM + r")[号日](?:那天|那日|当天)?"
    r"|(?P<iso>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
    r"|(?<![\d.])(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"
    r"|(?P<today>" + "|".join(_TODAY_WORDS) + r")"
)

PERIOD_RE = re.compile(
    # 这周, 这个礼拜, 本礼拜, 这一周; 上一周, 上一个月 are the same as 上周, 上个月
    r"(?P<thisweek>(?:这一?个?|本)(?:周|星期|礼拜))(?!" + _WD + r")"
    r"|(?P<lastlastweek>上上一?个?(?:周|星期|礼拜))(?!" + _WD + r")"
    r"|(?P<lastweek>上一?个?(?:周|星期|礼拜))(?!" + _WD + r")"
    r"|(?P<thismonth>这一?个?月|本月|当月|月初(?=到|至|以来))"
    r"|(?P<lastmonth>上一?个?月)(?!" + _NUM + r"[号日])"
    r"|(?P<thisyear>今年|本年|这一年|年初(?=到|至|以来)|开年(?=到|至|以来))"
    r"|(?P<lastyear>去年)"
    r"|(?:最近|近|这)(?P<recent>" + _NUM + r")(?P<recentunit>天|周|个月)"
    # 月底/月末/月初 belong to 月, not to a number before it: 一斤二十八月底结 is 28 a jin.
    r"|(?P<month>" + _NUM + r")月份?(?![底末初])"
    r"(?![" + "零〇一二两三四五六七八九十\\d" + r"]*[号日])"
)


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None


def find_day(text: str, ref: dt.date) -> list[Found]:
    """Every day expression in text, with the day it names (None when impossible)."""
    out: list[Found] = []
    for m in DAY_RE.finditer(text):
        day = _day_of(m, ref)
        out.append(Found(m.start(), m.end(), day, day))
    return out


def find_period(text: str, ref: dt.date) -> list[Found]:
    """Every period (这周, 上个月, 今年) and single day, in order of appearance."""
    found = [Found(m.start(), m.end(), *_period_of(m, ref)) for m in PERIOD_RE.finditer(text)]
    found += [f for f in find_day(text, ref) if not _overlaps(f, found)]
    return sorted(found, key=lambda f: f.start)


def _overlaps(f: Found, others: list[Found]) -> bool:
    return any(f.start < o.end and o.start < f.end for o in others)


def _day_of(m: re.Match[str], ref: dt.date) -> dt.date | None:
    if m.group("rel"):
        return ref + dt.timedelta(days=_RELATIVE_DAYS[m.group("rel")])
    if m.group("today"):
        return ref
    if m.group("ago"):
        if RANGE_PAIR_RE.search(m.group("ago")):
            return None  # 两三天前 names no one day
        n = _int(m.group("ago"))
        return None if n is None or n > 3660 else ref - dt.timedelta(days=n)
    if m.group("wd"):
        return _weekday(ref, m.group("wkprefix") or "", _WEEKDAY[m.group("wd")])
    if m.group("iso"):
        return _safe_date(_int(m.group("iso")), _int(m.group("im")), _int(m.group("id")))
    if m.group("sm"):
        return _month_day(ref, _int(m.group("sm")), _int(m.group("sd")))
    return _calendar_day(m, ref)


def _weekday(ref: dt.date, prefix: str, weekday: int) -> dt.date:
    monday = ref - dt.timedelta(days=ref.weekday())
    if prefix.startswith("上上"):
        return monday - dt.timedelta(days=14 - weekday)
    if prefix.startswith("上"):
        return monday - dt.timedelta(days=7 - weekday)
    if prefix.startswith(("这", "本")):
        return monday + dt.timedelta(days=weekday)
    if prefix.startswith("下"):
        return monday + dt.timedelta(days=7 + weekday)
    # a bare 周三 is the latest Wednesday on or before ref
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _calendar_day(m: re.Match[str], ref: dt.date) -> dt.date | None:
    day = _int(m.group("day"))
    if day is None or not 1 <= day <= 31:
        return None
    year = _int(m.group("year")) if m.group("year") else None
    if m.group("mprefix"):
        base = _shift_month(ref, -1) if m.group("mprefix").startswith("上") else ref
        return _safe_date(base.year, base.month, day)
    if m.group("month"):
        month = _int(m.group("month"))
        if month is None or not 1 <= month <= 12:
            return None
        if year is not None:
            return _safe_date(year, month, day)
        return _month_day(ref, month, day)
    candidate = _safe_date(ref.year, ref.month, day)
    if candidate is None or candidate > ref:
        prev = _shift_month(ref, -1)
        candidate = _safe_date(prev.year, prev.month, day)
    return candidate


def _month_day(ref: dt.date, month: int | None, day: int | None) -> dt.date | None:
    """3月5号: that day in ref's year, or last year's when it is still to come."""
    candidate = _safe_date(ref.year, month, day)
    if candidate is not None and candidate > ref:
        candidate = _safe_date(ref.year - 1, month, day)
    return candidate


def _period_of(m: re.Match[str], ref: dt.date) -> tuple[dt.date | None, dt.date | None]:
    monday = ref - dt.timedelta(days=ref.weekday())
    if m.group("thisweek"):
        return monday, ref
    if m.group("lastlastweek"):
        return monday - dt.timedelta(days=14), monday - dt.timedelta(days=8)
    if m.group("lastweek"):
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if m.group("thismonth"):
        return ref.replace(day=1), ref
    if m.group("lastmonth"):
        return _month_range(_shift_month(ref, -1))
    if m.group("thisyear"):
        return dt.date(ref.year, 1, 1), ref
    if m.group("lastyear"):
        return dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31)
    if m.group("recent"):
        return _recent(ref, m.group("recent"), m.group("recentunit"))
    month = _int(m.group("month"))
    if month is None or not 1 <= month <= 12:
        return None, None
    year = ref.year if month <= ref.month else ref.year - 1
    first, last = _month_range(dt.date(year, month, 1))
    return first, min(last, ref)


def _recent(ref: dt.date, amount: str, unit: str) -> tuple[dt.date | None, dt.date | None]:
    n = _int(amount)
    if n is None or n <= 0 or n > 3660:
        return None, None
    days = {"天": n, "周": 7 * n, "个月": 30 * n}[unit]
    return ref - dt.timedelta(days=days - 1), ref


def _month_range(day: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "零〇一二三四五六七八九" for c in text):
        digits = "".join(str("零一二三四五六七八九".index(c if c != "〇" else "零")) for c in text)
        return int(digits)
    value = parse_cn_numeral(text)
    return int(value) if value is not None and value == int(value) else None
