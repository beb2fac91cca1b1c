"""Balances in words: who owes me (receivable), whom I owe (payable), crates still out.

The two money directions never share a sentence shape: a payable answer always says 我欠,
a receivable one 欠我, so a question about my debts can never read as someone else's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from chains.schemas import Query
from handlers import render
from storage.ageing import BUCKETS
from storage.reports import Summary


def when(q: Query, today: dt.date) -> str:
    """A balance is "as of" a day (today needs no words); with a period it is that period's."""
    if q.start is not None:
        end = q.end.isoformat() if q.end else "今天"
        return f"{q.start.isoformat()} 至 {end}，" if q.start != q.end else f"{q.start}，"
    return "" if q.end in (None, today) else f"截至 {q.end}，"


@dataclass(frozen=True)
class _Wording:
    """How one direction of debt reads; the two directions share every rule."""

    nobody_named: str  # {who}
    nobody: str
    zero: str
    one: str  # {name} {money}
    total: str  # {money}
    ahead: str  # {name} {money}


# Paid more than was owed (or paid back a debt recorded before the bot) is worth seeing,
# but it must not shrink what the others still owe; and in a payable answer it is money
# of mine with them, never "they owe me".
_OWED_TO_ME = _Wording(
    "{who} 现在不欠钱", "现在没有人欠钱", "应收", "{name} 还欠我 {money}。",
    "一共还欠我 {money}：", "· {name} 预付了 {money}（多付的，可抵下次货款）",
)
_I_OWE = _Wording(
    "我现在不欠{who}的钱", "我现在不欠谁的钱", "应付", "我还欠{name} {money}。",
    "我一共还欠 {money}：", "· 给{name}预付了 {money}（多付的，可抵下次货款）",
)


def receivable(q: Query, s: Summary, today: dt.date, shown: int) -> str:
    return _balance(q, s, today, shown, _OWED_TO_ME)


def payable(q: Query, s: Summary, today: dt.date, shown: int) -> str:
    return _balance(q, s, today, shown, _I_OWE)


def _balance(q: Query, s: Summary, today: dt.date, shown: int, w: _Wording) -> str:
    prefix = when(q, today)
    open_ = [(name, v) for name, v in s.lines if v > 0]
    ahead = [(name, v) for name, v in s.lines if v < 0]
    who = "、".join(q.users)
    lines: list[str] = []
    if not open_:
        nobody = w.nobody_named.format(who=who) if who else w.nobody
        lines.append(f"{prefix}{nobody}，{w.zero} {render.money(Decimal(0))}。")
    elif len(open_) == 1 and len(q.users) <= 1:
        name, value = open_[0]
        lines.append(prefix + w.one.format(name=name, money=render.money(value)))
    else:
        lines.append(prefix + w.total.format(money=render.money(_sum(open_))))
        lines += _listed(open_, shown)
    lines += _older(s)
    lines += [w.ahead.format(name=name, money=render.money(-v)) for name, v in ahead]
    return "\n".join(lines)


def containers(q: Query, s: Summary, today: dt.date, shown: int) -> str:
    prefix = when(q, today)
    held: dict[str, list[tuple[str, Decimal]]] = {}
    kinds: dict[str, Decimal] = {}
    for key, qty in s.lines:
        # storage keys a balance as "counterparty·kind"
        name, _, kind = key.rpartition("·")
        held.setdefault(name, []).append((kind, qty))
        kinds[kind] = kinds.get(kind, Decimal(0)) + qty
    who = "、".join(q.users)
    if not held:
        return f"{prefix}{who + ' 那里' if who else '外面'}没有没还回来的筐/箱。"
    if len(held) == 1:
        [(name, items)] = held.items()
        return f"{prefix}{name} 还有 {crates(items)} 没还。"
    # Kinds are never added together: 20 筐 and 5 桶 are not "25 个" of anything.
    lines = [f"{prefix}外面还有 {crates(list(kinds.items()))}："]
    lines += [f"· {name}：{crates(items)}" for name, items in list(held.items())[:shown]]
    if len(held) > shown:
        lines.append(f"……还有 {len(held) - shown} 位")
    return "\n".join(lines)


def crates(items: list[tuple[str, Decimal]]) -> str:
    return "、".join(
        f"{kind} {render.number(n)} 个" if n > 0 else f"{kind} 多还了 {render.number(-n)} 个"
        for kind, n in items
    )


def _older(s: Summary) -> list[str]:
    """其中 31–60 天 ¥500: the part of what is open that is over a month old, by age
    (storage/ageing.py; payments pay off the oldest debts first). Nothing when all of it is
    recent: a line saying so on every answer would be noise."""
    totals = [sum((a.buckets[i] for a in s.ageing), Decimal(0)) for i in range(len(BUCKETS))]
    said = [f"{label} {render.money(v)}" for (label, _, _), v in zip(BUCKETS, totals, strict=True)
            if v > 0]
    return ["其中 " + "，".join(said)] if any(totals[1:]) else []


def _sum(lines: list[tuple[str, Decimal]]) -> Decimal:
    return sum((v for _, v in lines), Decimal(0))


def _listed(lines: list[tuple[str, Decimal]], shown: int) -> list[str]:
    out = [f"· {name} {render.money(v)}" for name, v in lines[:shown]]
    if len(lines) > shown:
        out.append(f"……还有 {len(lines) - shown} 位，共 {render.money(_sum(lines[shown:]))}")
    return out
