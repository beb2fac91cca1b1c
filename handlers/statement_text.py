"""A 对账单 written to the counterparty, ready to forward: 您 is them, 我 is the vendor.

老李您好：截至12月1日，您共欠货款 ¥700，另有筐 10 个未还。
明细（11月20日起，共 3 笔）：
· 11月20日 赊账 绿萝100盆 ¥1,000（已付 ¥300）
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from handlers import render
from ledger import PAID_TYPES, Entry
from storage.reports import Statement


def day(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def describe(st: Statement, today: dt.date) -> str:
    lines = [f"{st.counterparty}您好：截至{day(st.end or today)}，{_owed(st)}。"]
    if st.opening_owed_me or st.opening_i_owe:
        lines.append(f"{day(st.since) + '前' if st.since else '此前'}{_balance(st)}")
    if st.entries:
        since = f"{day(st.since)}起，" if st.since else ""
        lines.append(f"明细（{since}共 {st.count} 笔）：")
        if st.count > len(st.entries):
            lines.append(f"（只列出最近 {len(st.entries)} 笔）")
        lines += ["· " + entry_line(e.entry) for e in st.entries]
    lines.append("如有出入请告诉我，谢谢！")
    return "\n".join(lines)


def _owed(st: Statement) -> str:
    parts: list[str] = []
    theirs = [("货款", st.goods_owed), ("借款", st.loans_owed)]
    owed = [f"{what} {render.money(v)}" for what, v in theirs if v > 0]
    if owed:
        parts.append("您共欠" + "，".join(owed))
    parts += [f"您多付了{what} {render.money(-v)}" for what, v in theirs if v < 0]
    if st.i_owe > 0:
        parts.append(f"我欠您货款 {render.money(st.i_owe)}")
    elif st.i_owe < 0:
        parts.append(f"我多付了您 {render.money(-st.i_owe)}")
    said = "，".join(parts) if parts else "我们之间的账已结清"
    out = [(k, n) for k, n in st.crates if n > 0]
    back = [(k, -n) for k, n in st.crates if n < 0]
    if out:
        said += f"，另有{_crates(out)}未还"
    if back:
        said += f"，您多还了{_crates(back)}"
    return said


def _crates(items: list[tuple[str, Decimal]]) -> str:
    return "、".join(f"{kind} {render.number(n)} 个" for kind, n in items)


def _balance(st: Statement) -> str:
    """The balance brought forward into the period shown."""
    parts = []
    if st.opening_owed_me:
        parts.append(f"您欠 {render.money(st.opening_owed_me)}")
    if st.opening_i_owe:
        parts.append(f"我欠您 {render.money(st.opening_i_owe)}")
    return "的结余：" + "，".join(parts) + "。"


def entry_line(e: Entry) -> str:
    label = render.TYPE_LABELS[e.type].split("（")[0]
    goods = "、".join(
        f"{p.name}{render.number(p.quantity) if p.quantity is not None else ''}{p.unit or ''}"
        for p in e.products
    )
    crates = "、".join(f"{c.name}{render.number(c.quantity)}个" for c in e.containers)
    parts = [day(e.date), label, e.category or "", goods, crates]
    if e.amount is not None:
        parts.append(render.money(e.amount))
    line = " ".join(p for p in parts if p)
    if e.type in PAID_TYPES and e.paid:
        line += f"（已付 {render.money(e.paid)}）"
    return line
