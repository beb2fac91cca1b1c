"""Questions about the books, answered from SQL aggregates."""

from __future__ import annotations

import datetime as dt

from bot.types import Reply
from chains.schemas import Query
from handlers import render
from handlers.draft import draft_from_saved
from handlers.turn import Turn
from storage.reports import Filters, Summary

METRIC_NAMES = {
    "income": "收入",
    "expense": "支出",
    "net": "净赚",
    "count": "记账",
    "list": "明细",
}


async def answer(turn: Turn) -> Reply:
    q = turn.parse.query
    if q is None:
        return Reply(
            text="没听懂要查什么，可以问「今天卖了多少」「老李还欠多少」「外面还有几个筐」。"
        )
    return await answer_query(turn, q)


async def answer_query(turn: Turn, q: Query) -> Reply:
    f = Filters(
        account_id=turn.account_id, start=q.start, end=q.end, users=q.users, product=q.product
    )
    s = await turn.reports.summarise(q.metric, f, limit=turn.policy.list_limit)
    return Reply(text=describe(q, s, turn.today))


def describe(q: Query, s: Summary, today: dt.date) -> str:
    scope = _scope(q, today)
    if q.metric == "receivable":
        return _balances(scope, s, "欠我", "没有人欠钱，应收为 0。", money=True)
    if q.metric == "containers":
        return _balances(scope, s, "在外面", "外面没有未还的周转筐/箱。", money=False)
    if s.count == 0:
        return f"{scope}没有记录。"
    if q.metric == "count":
        return f"{scope}一共记了 {s.count} 笔账。"
    if q.metric == "list":
        lines = [
            f"{scope}共 {s.count} 笔，" + ("最近的：" if s.count > len(s.entries) else "如下：")
        ]
        lines += ["· " + render.saved_line(draft_from_saved(e)) for e in s.entries]
        return "\n".join(lines)
    head = f"{scope}{METRIC_NAMES[q.metric]} {render.money(s.total)}，共 {s.count} 笔。"
    if q.metric == "net":
        income, expense = (v for _, v in s.lines)
        return head + f"\n收入 {render.money(income)} − 支出 {render.money(expense)}"
    top = [f"· {name} {render.money(v)}" for name, v in s.lines if v]
    return head + (
        "\n按" + ("对方" if q.product else "商品") + "：\n" + "\n".join(top) if top else ""
    )


def _balances(scope: str, s: Summary, verb: str, empty: str, *, money: bool) -> str:
    if not s.lines:
        return scope + empty
    fmt = render.money if money else (lambda v: f"{render.number(v)} 个")
    if len(s.lines) == 1:
        name, value = s.lines[0]
        return f"{scope}{name} {verb} {fmt(value)}。"
    lines = [f"{scope}一共{verb} {fmt(s.total)}："]
    lines += [f"· {name} {fmt(v)}" for name, v in s.lines]
    return "\n".join(lines)


def _scope(q: Query, today: dt.date) -> str:
    who = "、".join(q.users)
    what = q.product or ""
    if q.start is None:
        when = "到今天为止" if q.end in (None, today) else f"截至 {q.end}"
    elif q.start == q.end:
        when = render.day_label(q.start, today)
    else:
        when = f"{q.start.isoformat()} 至 {q.end.isoformat() if q.end else '今天'}"
    return f"{when}{' ' + who if who else ''}{' ' + what if what else ''}："
