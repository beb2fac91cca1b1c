"""Bookkeeping entries built from an analysed message (GUIDE "Fields"): one per event,
each with its type, paid, category and confidence; a message of several events is cut
by chains.rules.events and each part read on its own."""

from __future__ import annotations

import re
from decimal import Decimal

from chains.rules.amounts import cents, derive_unit_price
from chains.rules.analysis import Analysis, analyse
from chains.rules.category import find_category
from chains.rules.confidence import score
from chains.rules.containers import FoundContainer
from chains.rules.events import split_events
from chains.rules.goods import Item
from chains.rules.kinds import Cues, Kind, buyer_before, entry_kind
from chains.rules.lexicon import CONTAINER_COUNTERS, NUMBERLESS_DEED_RE
from chains.rules.message import Message
from chains.rules.tokens import QTY
from chains.schemas import Intent, Parse, Span
from ledger import PAID_TYPES, PARTY_TYPES, Container, Entry, EntryType, Product

_PRONOUN_RE = re.compile(r"他|她|人家")
# A clause opened by 又/也/还/再 goes on with the one who acted before.
_AGAIN_RE = re.compile(r"(?:今天|后来|然后|接着|顺便)?(?:又|也|还|再)")
# 一人五十斤, 每人三箱: the same deal with each person, like 各.
_EACH_RE = re.compile(r"(?:一|每)(?:人|个人|家)")
_ALL_PRICE_RE = re.compile(r"(?:都|全|一律|统一)(?:是|按|算)")
# Debts paid carry no goods (booked when sold or bought); refunds keep what came back.
_NO_GOODS = frozenset({EntryType.SETTLE, EntryType.PAYOFF})
# Types the rules read from fewer cues than a sale: an LLM should look at them in hybrid mode.
_UNUSUAL = frozenset({EntryType.REFUND, EntryType.PAYOFF})
_FEE_RE = re.compile(r"[\u4e00-\u9fff]{0,3}(?:费|工资|工钱|租金|房租|货款|欠款)")


def has_record_signal(a: Analysis) -> bool:
    if a.items or a.containers:
        return True
    if any(t.is_money_like and (t.value is not None or t.approx) for t in a.tokens):
        return True
    if a.people and any(t.is_product_qty for t in a.tokens):
        return True  # 给老李发了二十箱货: goods went to someone, even unnamed goods
    return states_a_deed(a)


def states_a_deed(a: Analysis) -> bool:
    """A deed done with someone or for a fee (老王结账五百, 交了摊位费三百): an entry of its
    own, never the answer to a question about another one."""
    text = a.msg.text
    return bool(NUMBERLESS_DEED_RE.search(text) and (a.people or _FEE_RE.search(text)))


def build_record(a: Analysis) -> Parse:
    parts = split_events(a)
    if len(parts) == 1:
        _doubt_each_unnamed(a)
        entry, conf = _entry(a)
        return Parse(intent=Intent.RECORD, entries=_each_person(a, entry), confidence=conf,
                     spans=list(a.msg.spans))
    return _several(a, parts)


def _doubt_each_unnamed(a: Analysis) -> None:
    """给两个小工各发了两百: 各 over people not named one by one leaves the total unsure
    (each 200, so 400?): a guess, so the card asks."""
    if len(a.people) < 2 and "各" in a.msg.text and any(t.is_money_like for t in a.tokens) \
            and not any(i.qty is not None and i.name for i in a.items):  # 各二十盆 is goods
        a.msg.guesses += 1


def _each_person(a: Analysis, entry: Entry) -> list[Entry]:
    """给小周和小吴各发了三千 / 老李老王各拿了十箱: the same deal with each person is one
    entry each (GUIDE: different counterparties are separate events)."""
    if len(entry.users) < 2:
        return [entry]
    last = max(p.end for p in a.people)
    first_num = min((t.start for t in a.tokens if t.start >= last), default=len(a.msg.text))
    text = a.msg.text
    if "各" not in text[last:first_num] and not _EACH_RE.match(text, first_num):
        return [entry]
    return [entry.model_copy(update={"users": (name,)}) for name in entry.users]


def _several(whole: Analysis, parts: list[tuple[int, int]]) -> Parse:
    """One entry per event; a date said once covers the events after it, 他 the one before."""
    msg = whole.msg
    entries: list[Entry] = []
    spans: list[Span] = []
    confs: list[float] = []
    day = None
    for index, (start, end) in enumerate(parts):
        sub = Message(msg.norm.slice(start, end), msg.ref, msg.context)
        a = analyse(sub)
        _crates_before(a, entries)
        day = a.said_date() or day
        entry, conf = _entry(a, _named_before(a, entries))
        entry = entry.model_copy(update={"date": day or msg.ref})
        if not entry.users and entries and _continues(entry, sub.text):
            entry = entry.model_copy(update={"users": entries[-1].users})
        entries.append(entry)
        confs.append(conf)
        spans += [s.model_copy(update={"entry": index}) for s in sub.spans]
    entries = _shared_price(msg.text, parts, entries)
    # every cut is a guess about where one event ends
    confidence = round(max(min(confs) - 0.08 * (len(parts) - 1), 0.05), 2)
    return Parse(intent=Intent.RECORD, entries=entries, confidence=confidence, spans=spans)


def _shared_price(text: str, parts: list[tuple[int, int]], entries: list[Entry]) -> list[Entry]:
    """老张拿了二十斤排骨，老李拿了十五斤五花，都是一斤二十八: a price said for all (都是)
    in the last event also prices the earlier events' goods of its unit."""
    last = entries[-1]
    start, end = parts[-1]
    if len(last.products) != 1 or last.products[0].unit_price is None \
            or not _ALL_PRICE_RE.search(text, start, end):
        return entries
    unit, price = last.products[0].unit, last.products[0].unit_price
    return [_priced(e, unit, price) for e in entries[:-1]] + [last]


def _priced(entry: Entry, unit: str | None, price: Decimal) -> Entry:
    if entry.amount is not None or not entry.products or any(
            p.unit != unit or p.quantity is None or p.unit_price is not None
            for p in entry.products):
        return entry
    products = tuple(p.model_copy(update={"unit_price": price}) for p in entry.products)
    amount = sum((price * (p.quantity or Decimal(0)) for p in products), Decimal(0))
    return entry.model_copy(update={"products": products, "amount": cents(amount)})


def _continues(entry: Entry, text: str) -> bool:
    """又从他那进了… / 又拿走了10个 / 又拿了十斤牛肉: a clause without its own subject keeps
    the one before (goods gone bad and fees have no counterparty to keep)."""
    if _PRONOUN_RE.search(text) or entry.type in PARTY_TYPES:
        return True
    return (bool(_AGAIN_RE.match(text)) and entry.type is not EntryType.LOSS
            and entry.category is None)


def _crates_before(a: Analysis, entries: list[Entry]) -> None:
    """还了十个筐，又拿走了十五个: a bare count of 个 with no goods counts the one container
    kind just said."""
    if a.items or a.containers or not entries or len(entries[-1].containers) != 1:
        return
    tok = next((t for t in a.tokens if t.kind == QTY and not t.used and t.value is not None
                and t.unit is not None and t.unit in CONTAINER_COUNTERS), None)
    if tok is None:
        return
    tok.used = True
    a.containers.append(FoundContainer(entries[-1].containers[0].name, tok.value,
                                       tok.start, tok.end))


def _named_before(a: Analysis, entries: list[Entry]) -> str | None:
    """卖了五十斤鱼，死了三斤: a count with no name of its own counts the goods just said."""
    if a.items or not entries or len(entries[-1].products) != 1:
        return None
    return entries[-1].products[0].name


def _counted_as(a: Analysis, name: str) -> list[Item]:
    """The first unnamed count, named after the goods before, with a price of its unit."""
    for tok in a.tokens:
        if tok.is_product_qty and not tok.used:
            price = next((p for p in a.prices if not p.used and p.unit in (None, tok.unit)), None)
            if price is not None:
                price.used = True
            return [Item(name, None, tok, price=price.value if price else None, weak=True)]
    return []


def _entry(a: Analysis, named_before: str | None = None) -> tuple[Entry, float]:
    msg = a.msg
    goods = [i for i in a.items if i.qty is not None or i.name]
    borrowed = not goods and named_before is not None
    if borrowed and named_before is not None:
        goods = _counted_as(a, named_before)
    fee = find_category(msg.text)
    category = fee[0] if fee and not goods else None
    kind = entry_kind(msg, Cues(
        has_goods=bool(goods),
        has_containers=bool(a.containers),
        buyer_before_buy=buyer_before(msg.text, [p.end for p in a.people]),
        has_money=any(t.is_money_like for t in a.tokens),
        part_paid=a.paid is not None,
        category=category,
        people=tuple((p.start, p.end) for p in a.people),
    ))
    if kind.type in _NO_GOODS:
        goods = []
    if kind.type in (EntryType.SETTLE, EntryType.PAYOFF):
        category = None
    if fee and category:
        msg.add_span("category", fee[1], fee[2])
    amount = a.amount.value if a.amount else None
    if amount is None and borrowed and goods and goods[0].price and goods[0].quantity:
        # 下午卖了八十斤，一斤四十五: the borrowed name's count and price make the total
        amount = sum((i.price * i.quantity for i in goods if i.price and i.quantity), Decimal(0))
    if amount is not None and borrowed:
        derive_unit_price(goods, amount)  # 还烂了五斤，亏了二十: the borrowed goods' value
    if amount is None and a.paid is not None:
        amount = a.paid.whole()  # 先付了两百，还差三百: the parts make the whole
        derive_unit_price(goods, amount)
    users = () if kind.type is EntryType.LOSS else tuple(p.name for p in a.people)
    if len({msg.clause(p.start) for p in a.people}) > 1 and len(set(users)) > 1:
        # 老温拿了…，小钱拿了…: people acting in clauses of their own are likely two events
        # that no cue split; one entry for both is a guess
        msg.guesses += 1
    entry = Entry(
        type=kind.type,
        users=users,
        products=tuple(_product(i) for i in goods),
        containers=tuple(Container(name=c.name, quantity=c.quantity) for c in a.containers),
        amount=cents(amount) if amount is not None else None,
        paid=_paid(a, kind.type, amount),
        category=category,
        date=a.entry_date(),
        remark=_remark(kind, a),
    )
    return entry, score(a, kind_sure=kind.sure, missing=len(entry.missing),
                        unusual=kind.type in _UNUSUAL)


def _paid(a: Analysis, entry_type: EntryType, amount: Decimal | None) -> Decimal | None:
    if entry_type not in PAID_TYPES or a.paid is None:
        return Decimal(0)
    value = a.paid.value(amount)
    return cents(value) if value is not None else None


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
