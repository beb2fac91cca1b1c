"""A bookkeeping entry built from an analysed message (GUIDE "Fields")."""

from __future__ import annotations

import re

from chains.rules.amounts import cents
from chains.rules.analysis import Analysis
from chains.rules.confidence import score
from chains.rules.goods import Item
from chains.rules.kinds import Kind, buyer_before, entry_kind
from chains.schemas import Intent, Parse
from ledger import Container, Entry, EntryType, Product

# Without numbers, an entry still needs a deed: 老李把账结了, 今天交了水电费.
_DEED_RE = re.compile(
    r"结账|结了|结清|把账|账清|赊|欠|借|还了|还回|送回|交了|付了|花了|进了|卖了|买了|收了|拿了|拿走"
    r"|拉走|带走|要了|订了|退回|收回|回来了"
)
_FEE_RE = re.compile(r"[\u4e00-\u9fff]{0,3}(?:费|工资|工钱|租金|房租|货款|欠款)")


def has_record_signal(a: Analysis) -> bool:
    if a.items or a.containers:
        return True
    if any(t.is_money_like and (t.value is not None or t.approx) for t in a.tokens):
        return True
    if a.people and any(t.is_product_qty for t in a.tokens):
        return True  # 给老李发了二十箱货: goods went to someone, even unnamed goods
    text = a.msg.text
    return bool(_DEED_RE.search(text) and (a.people or _FEE_RE.search(text)))


def build_record(a: Analysis) -> Parse:
    msg = a.msg
    goods = [i for i in a.items if i.qty is not None or i.name]
    kind = entry_kind(
        msg,
        has_goods=bool(goods),
        has_containers=bool(a.containers),
        buyer_before_buy=buyer_before(msg.text, [p.end for p in a.people]),
    )
    if kind.type is EntryType.SETTLE:
        goods = []
    amount = a.amount.value if a.amount else None
    entry = Entry(
        type=kind.type,
        users=tuple(p.name for p in a.people),
        products=tuple(_product(i) for i in goods),
        containers=tuple(Container(name=c.name, quantity=c.quantity) for c in a.containers),
        amount=cents(amount) if amount is not None else None,
        date=a.entry_date(),
        remark=_remark(kind, a),
    )
    return Parse(
        intent=Intent.RECORD,
        entries=[entry],
        confidence=score(a, kind_sure=kind.sure, missing=len(entry.missing)),
        spans=list(msg.spans),
    )


def _product(item: Item) -> Product:
    return Product(
        name=item.name,
        quantity=item.quantity,
        unit=item.unit,
        unit_price=cents(item.price) if item.price is not None else None,
    )


def _remark(kind: Kind, a: Analysis) -> str | None:
    """Say what the entry does not show on its face (a price still open, a guessed type)."""
    if a.amount is not None and a.amount.rough:
        return "金额只说了个大概"
    if not kind.sure:
        return "类型按默认记"
    return None
