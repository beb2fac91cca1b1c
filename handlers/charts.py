"""Chart requests (这个月每天卖了多少 画个图, 看看图, /chart 谁欠我最多): which figures to
draw, read from the same SQL as the answers in words.

A request is recognised by its chart words alone, like 导出 for /export, so it never reaches
the entry dialogue. What to draw is the question left once those words are taken out, read
by the rules extractor (offline, fast); nothing asked means this month's takings per day.
The reply carries the figures as a `Chart` (the channel draws it after the unit of work)
and states them in words too, for when no picture can be shown.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from chains.rules import extract
from chains.schemas import Intent, Query
from handlers import query, render
from handlers.messages import Chart, Reply
from handlers.turn import Turn
from storage.by_day import Step
from storage.reports import Filters

_KIND = r"(?:柱状|柱形|条形|折线|走势|趋势|统计|饼)"
# A verb of drawing or showing, or a kind of chart: 图 alone (图钉, 地图) is no request.
CHART_WORDS = re.compile(
    r"(?:画|[看瞧](?:看|一?下)?|[出来做发](?=一?[个张幅]))(?:一?[个张幅])?" + _KIND
    + r"?(?:图[表片]?|表)|" + _KIND + r"图|图表"
)
COMMAND = re.compile(r"^/(?:chart|图表?)(?:@\w+)?\s*", re.IGNORECASE)
FILLER = re.compile(r"^(?:[给帮替]我|请)|[，,。.！!？?、吧呗啊呀 ]+|看看$|一下$")
BY_MONTH = re.compile(r"每一?个?月|按月|逐月")
BY_DAY = re.compile(r"每一?天|每日|天天|按天|逐日")
# A question left without its asking words: 损耗 (多少), 上个月 (卖了多少).
COMPLETIONS = ("", "多少", "卖了多少")
MAX_DAYS = 93  # a longer period is drawn per month: a hundred thin bars say nothing
MAX_BARS = 10
DAY_METRICS = {"income": "收入", "expense": "支出", "net": "净赚", "loss": "损耗"}
RANKINGS = {
    "top_products": "卖得最好的商品",
    "top_customers": "买得最多的客户",
    "receivable": "谁欠我最多",
    "payable": "我欠谁最多",
}
CANNOT = (
    "这个还画不了图。可以画：「这个月每天卖了多少 画个图」「这个月哪个品种卖得最多 画个图」"
    "「谁欠我最多 画个图」。"
)


def wants_chart(text: str) -> bool:
    return bool(COMMAND.match(text) or CHART_WORDS.search(text))


def asked(text: str, today: dt.date) -> tuple[Query, Step | None] | None:
    """The question a chart request draws and the step it asked for (每天, 每个月); None
    when it asks for something not drawable."""
    rest = CHART_WORDS.sub(" ", COMMAND.sub("", text.strip()))
    step: Step | None = None
    if BY_MONTH.search(rest) or BY_DAY.search(rest):
        step = "month" if BY_MONTH.search(rest) else "day"
    rest = FILLER.sub("", BY_DAY.sub("", BY_MONTH.sub("", rest))).strip()
    if not rest:
        return Query(metric="income", start=today.replace(day=1), end=today), step
    for ending in COMPLETIONS:
        parse = extract(rest + ending, today)
        if parse.intent is Intent.QUERY and parse.query is not None:
            q = parse.query
            drawable = q.metric in DAY_METRICS or q.metric in RANKINGS
            return (q, step) if drawable else None
    return None


async def reply(turn: Turn) -> Reply:
    found = asked(turn.text, turn.today)
    if found is None:
        return Reply(text=CANNOT)
    q, step = found
    if q.metric == "income" and step is None and q.start is not None and q.start == q.end:
        q = q.model_copy(update={"metric": "top_products"})  # one day's bar says nothing
    if q.metric in RANKINGS:
        return await _ranking(turn, q)
    return await _days(turn, q, step)


async def _days(turn: Turn, q: Query, step: Step | None) -> Reply:
    end = min(q.end or turn.today, turn.today)
    start = q.start or end.replace(day=1)
    if start > end:
        return Reply(text=f"{start.isoformat()} 还没到，没有账可以画。")
    if step is None or (end - start).days >= MAX_DAYS:
        step = "day" if (end - start).days < MAX_DAYS else "month"
    f = _filters(turn, q, start, end)
    got = dict(await turn.reports.by_day(q.metric, f, step))
    steps = _steps(start, end, step)
    values = tuple(got.get(d, Decimal(0)) for d in steps)
    labels = tuple(_label(d, step, start.year != end.year) for d in steps)
    name = DAY_METRICS[q.metric]
    who = "、".join(q.users)
    scope = f"{_period(start, end)}{' ' + who if who else ''}"
    title = f"{scope} 每{'天' if step == 'day' else '月'}的{name}"
    total = sum(values, Decimal(0))
    if not any(values):
        return Reply(text=f"{scope}没有{name}记录，没有图可画。")
    best = max(range(len(values)), key=lambda i: values[i])
    text = (f"{title}：合计 {render.money(total)}，"
            f"最多是 {labels[best]} {render.money(values[best])}。")
    lines = [f"· {label} {render.money(v)}" for label, v in zip(labels, values, strict=True) if v]
    chart = Chart(kind="days", title=title, labels=labels, values=values,
                  fallback_text="\n".join(lines), filename=f"{name}-{start}-{end}.png")
    return Reply(text=text, chart=chart)


async def _ranking(turn: Turn, q: Query) -> Reply:
    limit = query.BALANCE_ROWS if q.metric in query.BALANCES else MAX_BARS
    s = await turn.reports.summarise(q.metric, _filters(turn, q, q.start, q.end), limit=limit)
    answer = query.describe(q, s, turn.today, shown=MAX_BARS)
    # Only what is owed or sold is a bar: an overpayment is said in the words, not drawn.
    bars = [(name, v) for name, v in s.lines if v > 0][:MAX_BARS]
    if not bars:
        return Reply(text=answer)
    title = (f"{_period(q.start, q.end or turn.today)} " if q.start else "") + RANKINGS[q.metric]
    chart = Chart(kind="ranking", title=title, labels=tuple(n for n, _ in bars),
                  values=tuple(v for _, v in bars), fallback_text=answer,
                  filename=f"{RANKINGS[q.metric]}-{turn.today.isoformat()}.png")
    return Reply(text=f"{title}（前 {len(bars)} 名）", chart=chart)


def _period(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"


def _label(day: dt.date, step: Step, years: bool) -> str:
    if step == "day":
        return f"{day.month}/{day.day}"
    return f"{day.year}年{day.month}月" if years else f"{day.month}月"


def _filters(turn: Turn, q: Query, start: dt.date | None, end: dt.date | None) -> Filters:
    return Filters(account_id=turn.account_id, start=start, end=end, users=q.users,
                   product=q.product)


def _steps(start: dt.date, end: dt.date, step: Step) -> list[dt.date]:
    if step == "day":
        return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months
