"""Post-validation: business rules applied to whatever the model said, before anyone sees it.

The model is a suggestion; this module decides. A value the message does not contain is
dropped and asked for (`missing`) instead of being trusted, so neither a hallucination nor
a prompt injection can put a number or a name into the books that the vendor did not say.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from chains.llm.answer import LLMAnswer, LLMPatch, LLMQuery
from chains.llm.entries import build_entry, date_on_or_before, said_users
from chains.llm.numbers import contains_number, numbers_in
from chains.schemas import Intent, Parse, Patch, Query
from ledger import EntryType

log = logging.getLogger(__name__)


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
    return Patch(
        type=EntryType(p.type) if p.type else None,
        users=users or None,
        replace_user=(pair[0], pair[1]) if pair and pair[1] in text else None,
        product=p.product if p.product and p.product in text else None,
        quantity=stated(p.quantity),
        unit=p.unit if p.unit and p.unit in text else None,
        unit_price=stated(p.unit_price),
        amount=stated(p.amount),
        paid=Decimal(0) if p.paid == 0 and "没" in text else stated(p.paid),  # 没给, 一分没付
        category=p.category if p.category and p.category in text else None,
        date=date_on_or_before(p.date, ref_date),
        container_quantity=stated(p.container_quantity),
    )
