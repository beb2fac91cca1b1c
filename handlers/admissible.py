"""Whether a draft can be saved as it stands, and if not, what to ask or say.

Every draft passes here when it is made or changed and again before it is saved, so the
vendor hears a clear question or refusal instead of a card the database would refuse.
The bounds themselves are the books' (ledger.limits); this module only words them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from handlers.draft import Draft
from handlers.render import money
from ledger import MissingField
from ledger.limits import MAX_AMOUNT, MAX_ENTRIES, MAX_LINES, MAX_NAME_CHARS, MIN_YEAR, problems

ASK_DATE = "这笔是哪天的？请说「是三月一号的」或「是今天的」。"


@dataclass(frozen=True, slots=True)
class Block:
    """`refuse`: nothing can be asked, the draft is not kept; else `text` is a question
    about entry `index` (`asking`: the slot its answer fills, None for a correction)."""

    index: int
    text: str
    asking: MissingField | None = None
    refuse: bool = False


def block(d: Draft, today: dt.date) -> Block | None:
    """The first reason `d` cannot be saved, or None."""
    if len(d.entries) > MAX_ENTRIES:
        return Block(0, f"一句话里有 {len(d.entries)} 笔，一次最多记 {MAX_ENTRIES} 笔。"
                        "这些都没有记，请分几次说。", refuse=True)
    if d.date_doubt:
        said = d.date_doubt
        return Block(d.focus, f"「{said}」{_why_not(said)}，这笔还不能记。{ASK_DATE}")
    for i, e in enumerate(d.entries):
        for p in problems(e, today):
            if p.field == "date":
                why = "还没到" if p.kind == "future" else f"太早了（{MIN_YEAR}年以前）"
                return Block(i, f"日期 {p.value} {why}。{ASK_DATE}")
            if p.field == "amount":
                return Block(i, _amount_question(p.kind, p.value), asking="amount")
            if p.field == "quantity":
                return Block(i, f"数量或单价 {p.value} 太大了，记不下。这笔没有记，请重新说一遍。",
                             refuse=True)
            if p.kind == "too_many":
                return Block(i, f"一笔最多记 {MAX_LINES} 种商品或周转筐、20 个对方，这笔有 "
                                f"{p.value} 个。这笔没有记，请分几次说。", refuse=True)
            if p.kind == "too_long":
                return Block(i, f"「{p.value[:12]}…」太长了（名字最多 {MAX_NAME_CHARS} 个字，"
                                "备注最多 500 个字）。这笔没有记，请说短一点。", refuse=True)
            return Block(i, "这笔里有看不懂的特殊字符。这笔没有记，请重新说一遍。", refuse=True)
    return None


def _why_not(said: str) -> str:
    if said.endswith("年"):
        return "不在账本的年份里"
    return "还没到" if said[0] in "明后大" else "这一天不存在"


def _amount_question(kind: str, value: str) -> str:
    if kind == "zero":
        return "金额是 ¥0？这笔一共多少钱？（不收钱的请回复「取消」）"
    if kind == "negative":
        return (f"金额 {money(Decimal(value))} 是负数。这笔一共多少钱？"
                "（退钱给顾客请取消后说「退给老李五百」）")
    return (f"金额 {money(Decimal(value))} 超出了能记的范围（最多 {money(MAX_AMOUNT)}），"
            "这笔一共多少钱？")
