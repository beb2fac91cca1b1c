"""How entries, questions and answers read in chat: short, scannable, Chinese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from handlers.draft import Draft
from ledger import PAID_TYPES, Container, Entry, EntryType, MissingField, Product

TYPE_LABELS = {
    EntryType.INCOME: "收入（卖货/进账）",
    EntryType.EXPENSE: "支出（进货/付款）",
    EntryType.CREDIT: "赊账（对方欠我）",
    EntryType.SETTLE: "结账（收回欠款）",
    EntryType.BORROW: "借出（对方拿走）",
    EntryType.RETURN: "归还（对方还回）",
    EntryType.PAYABLE: "赊进（我欠对方）",
    EntryType.PAYOFF: "还款（我还欠款）",
    EntryType.LOSS: "损耗（坏了/丢了）",
    EntryType.REFUND: "退款（退给顾客）",
}
UNSURE_BELOW = 0.6  # extractor confidence under which the card asks for a closer look
HALF_CENT = Decimal("0.005")  # the most a unit price rounded to the cent is off by, per unit


def money(value: Decimal | None) -> str:
    if value is None:
        return "未知"
    # The sign goes before ¥ (-¥200): "¥-200" reads like a typo to a vendor.
    sign, value = ("-", -value) if value < 0 else ("", value)
    if value == value.to_integral_value():
        return f"{sign}¥{value:,.0f}"
    return f"{sign}¥{value:,.2f}"


def number(value: Decimal | None) -> str:
    if value is None:
        return "?"
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def day_label(day: dt.date, today: dt.date) -> str:
    names = {0: "今天", 1: "昨天", 2: "前天"}
    delta = (today - day).days
    return f"{day.isoformat()}（{names[delta]}）" if delta in names else day.isoformat()


def product_line(p: Product, total: Decimal | None = None) -> str:
    """`total`: the entry's said amount when this is its only product. A unit price derived
    from it is rounded to the cent (1007 for 7 pots: 143.86), so the line shows the said
    total, not 7 x 143.86 = 1007.02, and marks the price as rounded."""
    qty = "数量未知" if p.quantity is None else f"{number(p.quantity)}{p.unit or ''}"
    if p.unit_price is None:
        return f"{p.name} {qty}"
    if p.quantity is None:
        return f"{p.name} {qty} × {money(p.unit_price)}"
    value = p.quantity * p.unit_price
    if total is not None and value != total and abs(value - total) <= p.quantity * HALF_CENT:
        return f"{p.name} {qty} × 约{money(p.unit_price)} = {money(total)}"
    return f"{p.name} {qty} × {money(p.unit_price)} = {money(value)}"


def container_line(c: Container, entry_type: EntryType) -> str:
    direction = "还回" if entry_type is EntryType.RETURN else "带走"
    return f"{c.name} {direction} {number(c.quantity)} 个"


def card(d: Draft, today: dt.date, ask: str | None = None) -> str:
    """The entries as understood so far, ending with how to confirm them or with the
    question that is still open."""
    title = "这笔账还差一点：" if ask else "请确认这笔账："
    if d.saved_id is not None:
        title = "要删除这笔账吗？" if d.delete else "改成这样对吗？"
    elif len(d.entries) > 1:
        title = f"这{len(d.entries)}笔账还差一点：" if ask else f"请确认这{len(d.entries)}笔账："
    lines = [title]
    said = dict(d.said_as)
    for i, e in enumerate(d.entries):
        if len(d.entries) > 1:
            lines.append(f"【第{i + 1}笔】")
        lines += entry_lines(e, today, said)
    lines += d.warnings
    if d.transcript:
        lines.append(f"听到：「{d.transcript}」")
    if d.confidence < UNSURE_BELOW:
        lines.append("⚠️ 这句我不太有把握，请仔细核对上面每一项。")
    # A card's choices (buttons, or a hint line where there are none) say how to answer it.
    if ask:
        lines.append(ask)
    return "\n".join(lines)


def entry_lines(e: Entry, today: dt.date, said: Mapping[str, str] | None = None) -> list[str]:
    """`said` maps a counterparty to the shorter name the vendor used for it."""
    lines = [f"类型：{TYPE_LABELS[e.type]}"]
    if e.category:
        lines.append(f"用途：{e.category}")
    if e.users:
        shown = (f"{u}（你说的{said[u]}）" if said and u in said else u for u in e.users)
        lines.append(f"对方：{'、'.join(shown)}")
    only = e.amount if len(e.products) == 1 else None
    lines += [f"商品：{product_line(p, only)}" for p in e.products]
    lines += [f"周转：{container_line(c, e.type)}" for c in e.containers]
    crates_only = e.type in (EntryType.BORROW, EntryType.RETURN) and e.containers
    if e.amount is not None or not crates_only:
        lines.append(f"金额：{money(e.amount)}")
    if e.type in PAID_TYPES and e.paid:
        owed = e.owed
        rest = f"，还欠 {money(owed)}" if owed is not None else ""
        lines.append(f"已付：{money(e.paid)}{rest}")
    elif e.type in PAID_TYPES and e.paid is None:
        lines.append("已付：未知")
    lines.append(f"日期：{day_label(e.date, today)}")
    if e.remark:
        lines.append(f"备注：{e.remark}")
    return lines


def question(field: MissingField, e: Entry) -> str:
    # Examples are written in Chinese numerals on purpose: a digit in a question would read
    # like a figure the bot guessed for this entry (and the vendor's own answer may be it).
    if field == "users":
        return "这笔是跟谁的？请告诉我对方的名字（比如：老李）。"
    if field == "paid":
        return "当时先付了多少？（比如：付了五百 / 没付）"
    if e.type in (EntryType.BORROW, EntryType.RETURN):
        return "借出/还回的是多少钱，或者几个筐？（比如：二十个筐 / 五百块）"
    unknown_count = [p for p in e.products if p.quantity is None and p.unit_price is not None]
    if unknown_count:
        p = unknown_count[0]
        return (f"{p.name} 每{p.unit or '份'} {money(p.unit_price)}，卖了多少{p.unit or ''}？"
                "或者这笔一共多少钱？（比如：三十五盆 / 一共两千五）")
    known = "、".join(
        product_line(p) if p.quantity is not None else p.name for p in e.products
    )
    return f"{known + '，' if known else ''}这笔一共多少钱？（比如：一共两千五）"


def saved_line(e: Entry) -> str:
    what = "、".join(
        f"{p.name}{number(p.quantity) if p.quantity is not None else ''}{p.unit or ''}"
        for p in e.products
    )
    crates = "、".join(f"{c.name}{number(c.quantity)}个" for c in e.containers)
    # Crates that went out with a sale are part of what was agreed: keep them in the line.
    goods = "、".join(x for x in (what, crates) if x)
    parts = [TYPE_LABELS[e.type].split("（")[0], "、".join(e.users), e.category or "", goods]
    if e.amount is not None:
        parts.append(money(e.amount))
    if e.type in PAID_TYPES and e.paid:
        parts.append(f"已付{money(e.paid)}")
    parts.append(e.date.isoformat())
    return " ".join(p for p in parts if p.strip())


def saved_lines(d: Draft) -> str:
    """A draft's entries on one line each (joined by ；)."""
    return "；".join(saved_line(e) for e in d.entries)


def doubt_question(d: Draft) -> str:
    """What the card asks before it may be saved, when the message left a real doubt."""
    e = d.entry
    if d.doubt == "short" and e.amount is not None and e.paid is not None:
        who = "他" if e.type is EntryType.CREDIT else "我"
        return (
            f"一共 {money(e.amount)}，当时给了 {money(e.paid)}：少的 {money(e.amount - e.paid)}"
            f"是抹零了，还是{who}还欠着？（回复「抹零」或「还欠着」）"
        )
    owed = max(d.owed or Decimal(0), Decimal(0))
    extra = (e.amount or Decimal(0)) - owed
    who = "、".join(e.users)
    if e.type is EntryType.SETTLE:
        head = f"{who}只欠你 {money(owed)}" if owed else f"{who}现在不欠你钱"
        return (
            f"{head}，这笔收了 {money(e.amount)}，多出 {money(extra)}。多出的是他又买了货"
            "（记一笔收入），还是先放在你这的预付款？（回复「买货」或「预付」）"
        )
    head = f"你只欠{who} {money(owed)}" if owed else f"你现在不欠{who}钱"
    return (
        f"{head}，这笔付了 {money(e.amount)}，多出 {money(extra)}。多出的是又进了货"
        "（记一笔支出），还是先付给他的预付款？（回复「进货」或「预付」）"
    )


def changed_lines(before: Draft, after: Draft, today: dt.date) -> list[str]:
    """The card lines a correction changed, as the vendor will see them on the card."""
    if len(before.entries) != len(after.entries):
        return [f"分成了 {len(after.entries)} 笔"]
    out = []
    for i, (old, new) in enumerate(zip(before.entries, after.entries, strict=True)):
        seen = entry_lines(old, today)
        lines = [line for line in entry_lines(new, today) if line not in seen]
        head = f"第{i + 1}笔 " if len(after.entries) > 1 else ""
        out += [f"{head}{line}" for line in lines]
    return out
