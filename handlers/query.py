"""Questions about the books, answered from SQL aggregates.

Every breakdown shown adds up to the figure it explains: what the listed lines do not cover
is said as 其他 (possibly negative, e.g. refunds of goods not named)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from chains.schemas import Query
from handlers import balance_text, comparison, naming, render, statement_text
from handlers.export import csv_text, to_csv
from handlers.messages import Document, Reply
from handlers.turn import Turn
from storage.entries import SavedEntry
from storage.reports import Filters, Summary

BALANCE_ROWS = 10_000  # open balances fetched per question (the reply shows list_limit)
BALANCES = ("receivable", "payable", "containers")
STATEMENT_ROWS = 30  # entries a 对账单 lists; older ones are counted, not shown
STATEMENT_FILE_ROWS = 100_000  # a statement file holds every entry behind the balance
AS_FILE = re.compile(r"导出|文件|表格|下载|excel|csv", re.IGNORECASE)
METRIC_NAMES = {
    "income": "收入",
    "expense": "支出",
    "loss": "损耗",
    "net": "净赚",
    "count": "记账",
    "list": "明细",
}
# How a total was paid (storage's part keys), per metric.
PART_NAMES = {
    "income": {"paid": "现金", "owed": "赊账", "back": "退款"},
    "expense": {"paid": "现付", "owed": "赊进（还欠着）", "back": "退回"},
}
RANKED = {"top_products": "卖得最好的商品", "top_customers": "买得最多的客户"}


async def answer(turn: Turn) -> Reply:
    q = turn.parse.query
    if q is None:
        return Reply(
            text="没听懂要查什么，可以问「今天卖了多少」「老李还欠多少」「外面还有几个筐」。"
        )
    return await answer_query(turn, q)


async def answer_query(turn: Turn, q: Query) -> Reply:
    """Names are settled first (周经理 → 超市周经理); one that may be several people is
    asked back instead of answered."""
    q, note, ask = await naming.resolve_query(turn, q)
    if ask is not None:
        return Reply(text=ask)
    if q.metric == "statement":
        # A 对账单 is forwarded as it is: it names the counterparty in full itself.
        return await _statements(turn, q)
    return Reply(text=note + await _answer(turn, q))


async def _answer(turn: Turn, q: Query) -> str:
    # Balances need every open line: totals per container kind are summed here from the lines,
    # and only the display is cut to list_limit.
    limit = BALANCE_ROWS if q.metric in BALANCES else turn.policy.list_limit
    s = await turn.reports.summarise(q.metric, _filters(turn, q), limit=limit)
    answer = describe(q, s, turn.today, shown=turn.policy.list_limit)
    return await _compared(turn, q, s, answer)


async def _compared(turn: Turn, q: Query, s: Summary, answer: str) -> str:
    """The answer with its 环比 under the figure it compares, when the period has one."""
    prev = comparison.previous(q.start, q.end, turn.today, turn.text)
    if q.metric not in comparison.COMPARED or prev is None or s.count == 0:
        return answer  # nothing this period: 没有记录 says it all
    before = q.model_copy(update={"start": prev.start, "end": prev.end})
    last = await turn.reports.summarise(q.metric, _filters(turn, before), limit=1)
    head, *rest = answer.split("\n")
    return "\n".join((head, comparison.describe(s.total, last.total, prev), *rest))


def _filters(turn: Turn, q: Query, users: list[str] | None = None) -> Filters:
    return Filters(
        account_id=turn.account_id, start=q.start, end=q.end,
        users=q.users if users is None else users, product=q.product,
    )


async def _statements(turn: Turn, q: Query) -> Reply:
    """One 对账单 per counterparty named (each is forwarded to a different person); asked
    for as a file (导出/文件/表格), every entry behind it comes as CSV too."""
    if not q.users:
        return Reply(text="要跟谁对账？请说名字，比如「跟老李对一下账」。")
    as_file = AS_FILE.search(turn.text) is not None
    texts: list[str] = []
    entries: list[SavedEntry] = []
    cut = False
    for who in q.users:
        f = _filters(turn, q, [who])
        s = await turn.reports.summarise("statement", f, limit=STATEMENT_ROWS)
        texts.append(describe(q, s, turn.today))
        cut = cut or (s.statement is not None and s.statement.count > len(s.statement.entries))
        if as_file:
            full = await turn.reports.summarise("statement", f, limit=STATEMENT_FILE_ROWS)
            entries += full.statement.entries if full.statement else []
    text = "\n\n".join(texts)
    if not as_file:
        hint = f"\n要全部明细的文件，说「导出{q.users[0]}的对账单」。" if cut else ""
        return Reply(text=text + hint)
    doc = Document(
        filename=f"对账单-{'-'.join(q.users)}-{turn.today.isoformat()}.csv",
        content=to_csv(entries),
        fallback_text=csv_text(entries, quote_all=False),
    )
    return Reply(text=f"{text}\n（{len(entries)} 笔明细在文件里）", document=doc)


def describe(q: Query, s: Summary, today: dt.date, *, shown: int = 10) -> str:
    if q.metric == "receivable":
        return balance_text.receivable(q, s, today, shown)
    if q.metric == "payable":
        return balance_text.payable(q, s, today, shown)
    if q.metric == "containers":
        return balance_text.containers(q, s, today, shown)
    if q.metric == "statement":
        return _statement(q, s, today)
    scope = _scope(q, today)
    if s.count == 0:
        return f"{scope}没有{'损耗' if q.metric == 'loss' else ''}记录。"
    if q.metric == "count":
        return f"{scope}一共记了 {s.count} 笔账。"
    if q.metric == "list":
        return _list(scope, s)
    if q.metric == "net":
        return _net(scope, s)
    if q.metric in RANKED:
        return _ranking(scope, q, s)
    return _money(scope, q, s)


def _statement(q: Query, s: Summary, today: dt.date) -> str:
    if s.statement is None:
        return "要跟谁对账？请一次说一位，比如「跟老李对一下账」。"
    return statement_text.describe(s.statement, today)


def _list(scope: str, s: Summary) -> str:
    lines = [f"{scope}共 {s.count} 笔，" + ("最近的：" if s.count > len(s.entries) else "如下：")]
    lines += ["· " + render.saved_line(e.entry) for e in s.entries]
    return "\n".join(lines)


def _net(scope: str, s: Summary) -> str:
    parts = dict(s.parts)
    # A loss is said as a loss: "净赚 -¥200" makes the vendor do the sign in his head.
    label = "净赚" if s.total >= 0 else "净亏"
    return (
        f"{scope}{label} {render.money(abs(s.total))}，共 {s.count} 笔。"
        f"\n收入 {render.money(parts['income'])} − 支出 {render.money(parts['expense'])}"
    )


def _money(scope: str, q: Query, s: Summary) -> str:
    if q.metric == "loss" and s.total == 0 and s.unvalued:
        return f"{scope}损耗 {s.count} 笔，都没有估价。"
    head = f"{scope}{METRIC_NAMES[q.metric]} {render.money(s.total)}，共 {s.count} 笔。"
    lines = [head, *_paid_how(q, s)]
    if s.unvalued:
        lines.append(f"另有 {s.unvalued} 笔没有估价，没算在里面。")
    by = "对方" if q.product else "商品"
    lines += _breakdown(f"按{by}：", s.lines, s.total, numbered=False)
    return "\n".join(lines)


def _paid_how(q: Query, s: Summary) -> list[str]:
    """今天卖了¥1,200：现金¥300，赊账¥900 — only when the money did not all come one way."""
    names = PART_NAMES.get(q.metric)
    parts = [(k, v) for k, v in s.parts if v]
    if names is None or not parts or [k for k, _ in parts] == ["paid"]:
        return []
    said = [f"{names[k]} {render.money(v)}" for k, v in parts]  # they add up: 退款 is −
    return ["其中" + "，".join(said)]


def _ranking(scope: str, q: Query, s: Summary) -> str:
    head = f"{scope}销售额 {render.money(s.total)}（已扣退款），{RANKED[q.metric]}："
    if not s.lines:
        return f"{scope}没有卖出的记录。"
    rest = "散客/其他" if q.metric == "top_customers" else "其他"
    return "\n".join(_breakdown(head, s.lines, s.total, numbered=True, rest=rest))


def _breakdown(
    head: str,
    lines: list[tuple[str, Decimal]],
    total: Decimal,
    *,
    numbered: bool,
    rest: str = "其他",
) -> list[str]:
    """The lines, then whatever of the total they leave out, so the list adds up to it."""
    shown = [(name, v) for name, v in lines if v]
    if not shown:
        return []
    out = [head]
    for i, (name, v) in enumerate(shown, 1):
        out.append(f"{f'{i}.' if numbered else '·'} {name} {render.money(v)}")
    left = total - sum((v for _, v in shown), Decimal(0))
    if left:
        out.append(f"· {rest} {render.money(left)}")
    return out


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
