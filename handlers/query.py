"""Questions about the books, answered from SQL aggregates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chains.schemas import Query
from handlers import render
from handlers.messages import Reply
from handlers.turn import Turn
from storage.reports import Filters, Summary

BALANCE_ROWS = 10_000  # open balances fetched per question (the reply shows list_limit)
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
    # Balances need every open line: totals per container kind are summed here from the lines,
    # and only the display is cut to list_limit.
    limit = BALANCE_ROWS if q.metric in ("receivable", "containers") else turn.policy.list_limit
    s = await turn.reports.summarise(q.metric, f, limit=limit)
    return Reply(text=describe(q, s, turn.today, shown=turn.policy.list_limit))


def describe(q: Query, s: Summary, today: dt.date, *, shown: int = 10) -> str:
    if q.metric == "receivable":
        return _receivable(q, s, today, shown)
    if q.metric == "containers":
        return _containers(q, s, today, shown)
    scope = _scope(q, today)
    if s.count == 0:
        return f"{scope}没有记录。"
    if q.metric == "count":
        return f"{scope}一共记了 {s.count} 笔账。"
    if q.metric == "list":
        lines = [
            f"{scope}共 {s.count} 笔，" + ("最近的：" if s.count > len(s.entries) else "如下：")
        ]
        lines += ["· " + render.saved_line(e.entry) for e in s.entries]
        return "\n".join(lines)
    if q.metric == "net":
        income, expense = (v for _, v in s.lines)
        # A loss is said as a loss: "净赚 -¥200" makes the vendor do the sign in his head.
        label = "净赚" if s.total >= 0 else "净亏"
        return (
            f"{scope}{label} {render.money(abs(s.total))}，共 {s.count} 笔。"
            f"\n收入 {render.money(income)} − 支出 {render.money(expense)}"
        )
    head = f"{scope}{METRIC_NAMES[q.metric]} {render.money(s.total)}，共 {s.count} 笔。"
    top = [(name, v) for name, v in s.lines if v]
    if not top:
        return head
    # Entries without a product (运费, 零售) or beyond the top lines still belong to the
    # total; without this line the breakdown would not add up to the headline figure.
    rest = s.total - sum((v for _, v in top), Decimal(0))
    if rest > 0:
        top.append(("其他", rest))
    by = "对方" if q.product else "商品"
    return head + f"\n按{by}：\n" + "\n".join(f"· {name} {render.money(v)}" for name, v in top)


def _as_of(q: Query, today: dt.date) -> str:
    """A balance is "as of" a day; today needs no words."""
    return "" if q.end in (None, today) else f"截至 {q.end}，"


def _receivable(q: Query, s: Summary, today: dt.date, shown: int) -> str:
    when = _as_of(q, today)
    owed = [(name, v) for name, v in s.lines if v > 0]
    ahead = [(name, v) for name, v in s.lines if v < 0]
    who = "、".join(q.users)
    lines: list[str] = []
    if not owed:
        nobody = f"{who} 现在不欠钱" if who else "现在没有人欠钱"
        lines.append(f"{when}{nobody}，应收 {render.money(Decimal(0))}。")
    elif len(owed) == 1 and len(q.users) <= 1:
        name, value = owed[0]
        lines.append(f"{when}{name} 还欠我 {render.money(value)}。")
    else:
        total = sum((v for _, v in owed), Decimal(0))
        lines.append(f"{when}一共还欠我 {render.money(total)}：")
        lines += [f"· {name} {render.money(v)}" for name, v in owed[:shown]]
        if len(owed) > shown:
            lines.append(f"……还有 {len(owed) - shown} 位")
    # Paid more than was owed (or paid back a debt recorded before the bot): worth seeing,
    # but it must not shrink what the others still owe.
    lines += [f"· {name} 多付了 {render.money(-v)}" for name, v in ahead]
    return "\n".join(lines)


def _containers(q: Query, s: Summary, today: dt.date, shown: int) -> str:
    when = _as_of(q, today)
    held: dict[str, list[tuple[str, Decimal]]] = {}
    kinds: dict[str, Decimal] = {}
    for key, qty in s.lines:
        # storage keys a balance as "counterparty·kind"
        name, _, kind = key.rpartition("·")
        held.setdefault(name, []).append((kind, qty))
        kinds[kind] = kinds.get(kind, Decimal(0)) + qty
    who = "、".join(q.users)
    if not held:
        return f"{when}{who + ' 那里' if who else '外面'}没有没还回来的筐/箱。"
    if len(held) == 1:
        [(name, items)] = held.items()
        return f"{when}{name} 还有 {_crates(items)} 没还。"
    # Kinds are never added together: 20 筐 and 5 桶 are not "25 个" of anything.
    lines = [f"{when}外面还有 {_crates(list(kinds.items()))}："]
    lines += [f"· {name}：{_crates(items)}" for name, items in list(held.items())[:shown]]
    if len(held) > shown:
        lines.append(f"……还有 {len(held) - shown} 位")
    return "\n".join(lines)


def _crates(items: list[tuple[str, Decimal]]) -> str:
    return "、".join(
        f"{kind} {render.number(n)} 个" if n > 0 else f"{kind} 多还了 {render.number(-n)} 个"
        for kind, n in items
    )


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
