"""Post-validation: business rules applied to whatever the model said, before anyone sees it.

The model is a suggestion; this module decides. A value the message does not contain is
dropped and asked for (`missing`) instead of being trusted, so neither a hallucination nor
a prompt injection can put a number or a name into the books that the vendor did not say.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal

from chains.llm.answer import LLMAnswer, LLMPatch, LLMQuery
from chains.llm.entries import build_entry, date_on_or_before, said_date, said_users
from chains.llm.numbers import contains_number, numbers_in
from chains.schemas import Intent, Parse, Patch, Query
from ledger import PAID_TYPES, Entry, EntryType

log = logging.getLogger(__name__)
# What a message does to the books or the waiting card. Only the rules' reading of the
# text may decide these: a record labelled `undo` must not delete the last entry, nor a
# correction labelled `confirm` save the card it meant to change.
STATE_CHANGING = frozenset({Intent.UNDO, Intent.DELETE, Intent.EDIT, Intent.CONFIRM,
                            Intent.CANCEL})
# The words that show an entry type in a message; a type the model gives without any of
# them is a flip, not a reading.
_TYPE_WORDS = {
    EntryType.INCOME: r"卖|售|收|进账|赚|营业",
    EntryType.EXPENSE: r"买|进|花|付|交|支|费|工资|租|开销|给了",
    EntryType.CREDIT: r"赊|欠|挂账|记账|先拿|没给|没付|回头给|改天给|月底",
    EntryType.SETTLE: r"还|结|清|付了|给了|打来|转来|收回",
    EntryType.BORROW: r"借|拿走|带走|拿了|押",
    EntryType.RETURN: r"还|退回|送回|拿回|带回",
    EntryType.PAYABLE: r"赊|欠|挂账|先拿|没给|没付|回头给|改天给|月底",
    EntryType.PAYOFF: r"还|结|清|付|给了|转",
    EntryType.LOSS: r"坏|烂|死|丢|偷|损|扔|臭|馊|化|蔫|碎|砸|枯|过期",
    EntryType.REFUND: r"退",
}


def type_said(kind: EntryType, text: str) -> bool:
    return re.search(_TYPE_WORDS[kind], text) is not None


def overrule(llm: Parse, rules: Parse, text: str) -> Parse:
    """The model's parse where it may decide, the rules' reading where it may not: the
    state-changing intents, and an entry type the message shows no word for."""
    if (llm.intent in STATE_CHANGING or rules.intent in STATE_CHANGING) \
            and not _same_act(llm.intent, rules.intent):
        log.info("model said %s, rules read %s: the rules decide", llm.intent, rules.intent)
        return rules
    if llm.intent is not Intent.RECORD:
        return llm
    entries = [
        _typed(e, rules.entries[i] if rules.intent is Intent.RECORD and i < len(rules.entries)
               else None, text)
        for i, e in enumerate(llm.entries)
    ]
    return llm.model_copy(update={"entries": entries})


def _same_act(llm: Intent, rules: Intent) -> bool:
    """The rules read a change as `correct` whatever it changes; with no card waiting the
    model may place it in the books as an `edit` (which is shown and asked before any
    change is made)."""
    return llm is rules or (llm is Intent.EDIT and rules is Intent.CORRECT)


def _typed(e: Entry, rules: Entry | None, text: str) -> Entry:
    if type_said(e.type, text) or rules is None or rules.type is e.type:
        return e
    log.info("model typed %s without a word for it: the rules' %s stands", e.type, rules.type)
    paid = (e.paid if e.type in PAID_TYPES else Decimal(0)) if rules.type in PAID_TYPES \
        else None
    return Entry.model_validate({**e.model_dump(), "type": rules.type, "paid": paid})


def to_parse(answer: LLMAnswer, text: str, ref_date: dt.date) -> Parse:
    """The checked Parse for one model answer about `text`, sent on `ref_date`."""
    intent = Intent(answer.intent)
    if intent is Intent.QUERY:
        query = to_query(answer.query, text, ref_date) if answer.query else None
        return Parse(intent=intent, query=query)
    if intent is not Intent.RECORD:
        return Parse(intent=intent)
    said = numbers_in(text)
    # A flat answer is one entry; `entries` holds several events in the order said. The
    # model's own `missing` is never trusted: Entry.missing is the GUIDE's rule.
    entries = [build_entry(e, text, ref_date, said) for e in answer.records()]
    # The same event twice is a model repeating itself, not two sales: it would book twice.
    unique = list(dict.fromkeys(entries))
    if len(unique) != len(entries):
        log.info("dropped %d repeated entries", len(entries) - len(unique))
    return Parse(intent=intent, entries=unique)


def to_query(q: LLMQuery, text: str, ref_date: dt.date) -> Query:
    end = date_on_or_before(q.end, ref_date) or ref_date
    start = date_on_or_before(q.start, ref_date)
    if start is not None and start > end:
        start, end = end, start
    product = q.product if q.product and q.product in text else None
    return Query(
        metric=q.metric, start=start, end=end, users=said_users(q.users, text), product=product
    )


def to_patch(p: LLMPatch, text: str, ref_date: dt.date) -> Patch:
    """A correction keeps only the changes the message itself states."""
    said = numbers_in(text)

    def stated(value: Decimal | None) -> Decimal | None:
        return value if value is not None and contains_number(text, value, said) else None

    pair = p.replace_user if p.replace_user and len(p.replace_user) == 2 else None
    users = said_users(p.users, text) if p.users is not None else None
    kind = EntryType(p.type) if p.type else None
    return Patch(
        type=kind if kind is not None and type_said(kind, text) else None,
        users=users or None,
        replace_user=(pair[0], pair[1]) if pair and pair[1] in text else None,
        product=p.product if p.product and p.product in text else None,
        quantity=stated(p.quantity),
        unit=p.unit if p.unit and p.unit in text else None,
        unit_price=stated(p.unit_price),
        amount=stated(p.amount),
        paid=Decimal(0) if p.paid == 0 and "没" in text else stated(p.paid),  # 没给, 一分没付
        category=p.category if p.category and p.category in text else None,
        date=said_date(p.date, text, ref_date),
        container_quantity=stated(p.container_quantity),
    )
