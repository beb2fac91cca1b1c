"""Post-validation: business rules applied to whatever the model said, before anyone sees it.

The model is a suggestion; this module decides. A value the message does not contain is
dropped and asked for (`missing`) instead of being trusted, so neither a hallucination nor
a prompt injection can put a number or a name into the books that the vendor did not say.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from chains.llm.answer import LLMAnswer, LLMContainer, LLMPatch, LLMProduct, LLMQuery
from chains.llm.numbers import contains_number, numbers_in
from chains.schemas import Intent, Parse, Patch, Query
from ledger import CENT, Container, Entry, EntryType, Product, derived_unit_price, priced_total

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
    products = [_product(p, text, said) for p in answer.products if p.name.strip()]
    amount = _amount(answer.amount, products, text, said)
    products = _derive_price(products, amount, said)
    if amount is None:
        amount = priced_total(products)
    entry = Entry(
        type=EntryType(answer.type) if answer.type else EntryType.INCOME,
        users=tuple(_users(answer.users, text)),
        products=tuple(products),
        containers=tuple(c for c in (_container(c, said) for c in answer.containers) if c),
        amount=amount,
        date=_date(answer.date, ref_date) or ref_date,
        category=_category(answer.category, text),
        remark=answer.remark,
    )
    # The model's own `missing` is never trusted: Entry.missing is the GUIDE's rule.
    return Parse(intent=intent, entries=[entry])


def _category(category: str | None, text: str) -> str | None:
    """A fee's purpose only as the message words it."""
    word = (category or "").strip()
    return word if word and word in text else None


def to_query(q: LLMQuery, text: str, ref_date: dt.date) -> Query:
    end = _date(q.end, ref_date) or ref_date
    start = _date(q.start, ref_date)
    if start is not None and start > end:
        start, end = end, start
    product = q.product if q.product and q.product in text else None
    return Query(
        metric=q.metric, start=start, end=end, users=_users(q.users, text), product=product
    )


def to_patch(p: LLMPatch, text: str, ref_date: dt.date) -> Patch:
    """A correction keeps only the changes the message itself states."""
    said = numbers_in(text)

    def stated(value: Decimal | None) -> Decimal | None:
        return value if value is not None and contains_number(text, value, said) else None

    pair = p.replace_user if p.replace_user and len(p.replace_user) == 2 else None
    users = _users(p.users, text) if p.users is not None else None
    return Patch(
        type=EntryType(p.type) if p.type else None,
        users=users or None,
        replace_user=(pair[0], pair[1]) if pair and pair[1] in text else None,
        product=p.product if p.product and p.product in text else None,
        quantity=stated(p.quantity),
        unit=p.unit if p.unit and p.unit in text else None,
        unit_price=stated(p.unit_price),
        amount=stated(p.amount),
        date=_date(p.date, ref_date),
        container_quantity=stated(p.container_quantity),
    )


def _users(users: list[str], text: str) -> list[str]:
    kept = [u.strip() for u in users if u and u.strip() and u.strip() in text]
    if len(kept) != len(users):
        log.info("dropped users not in the message: %s", sorted(set(users) - set(kept)))
    return list(dict.fromkeys(kept))


def _product(p: LLMProduct, text: str, said: set[Decimal]) -> Product:
    qty = p.quantity
    if qty is not None and not contains_number(text, qty, said):
        qty = None
    unit = p.unit if p.unit and p.unit in text else None
    return Product(name=p.name.strip(), quantity=qty, unit=unit, unit_price=p.unit_price)


def _container(c: LLMContainer, said: set[Decimal]) -> Container | None:
    if not c.name.strip():
        return None
    qty = c.quantity if c.quantity is not None and contains_number("", c.quantity, said) else None
    return Container(name=c.name.strip(), quantity=qty)


def _amount(
    amount: Decimal | None, products: list[Product], text: str, said: set[Decimal]
) -> Decimal | None:
    """Keep a total the message says or that follows from its quantities and prices."""
    if amount is None:
        return None
    if contains_number(text, amount, said):
        return amount
    computed = _priced_total(products, said)
    if computed is not None and (
        abs(computed - amount) < CENT or contains_number(text, computed - amount, said)
    ):
        return amount  # computed, or computed less a discount the message states (便宜他二十)
    log.info("dropped amount %s: not in the message", amount)
    return None


def _priced_total(products: list[Product], said: set[Decimal] | None = None) -> Decimal | None:
    if not products or any(p.quantity is None or p.unit_price is None for p in products):
        return None
    prices = [p.unit_price for p in products if p.unit_price is not None]
    if said is not None and not all(contains_number("", price, said) for price in prices):
        return None  # a total built on an invented price is invented too
    return sum((p.quantity * p.unit_price for p in products if p.quantity and p.unit_price),
               Decimal(0))


def _derive_price(
    products: list[Product], amount: Decimal | None, said: set[Decimal]
) -> list[Product]:
    """Keep a unit price only when said, or derivable from one product's total."""
    out = []
    for p in products:
        price, derived = p.unit_price, None
        if len(products) == 1 and amount is not None and p.quantity:
            derived = derived_unit_price(amount, p.quantity)
        near_derived = derived is not None and price is not None and abs(price - derived) < CENT
        if price is not None and not near_derived and not contains_number("", price, said):
            log.info("dropped unit price %s of %s: not in the message", price, p.name)
            price = None
        out.append(p.model_copy(update={"unit_price": price if price is not None else derived}))
    return out


def _date(value: str | None, ref_date: dt.date) -> dt.date | None:
    """An ISO date on or before the message day; anything else is not a date."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        log.info("ignored a date that is not ISO: %r", value)
        return None
    if day > ref_date:
        log.info("ignored a date after the message day: %s > %s", day, ref_date)
        return None
    return day
