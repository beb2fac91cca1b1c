"""One model entry checked against the message and built as the books' `ledger.Entry`.

Every value must be said in the message or follow from what is said by the GUIDE's rules
(a computed total, a derived unit price, 付了一半 of a known total); anything else is
dropped, and `Entry.missing` then asks for it. The model's own `missing` is never read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal

from chains.llm.answer import LLMContainer, LLMEntry, LLMProduct
from chains.llm.numbers import contains_number, numbers_in
from chains.rules.dates import find_day
from ledger import (
    CENT,
    PAID_TYPES,
    Container,
    Entry,
    EntryType,
    Product,
    cents,
    derived_unit_price,
    priced_total,
)

log = logging.getLogger(__name__)
MAX_CATEGORY = 8  # 水电费, 冷链运费: a purpose is a word, not a sentence
# The rest of a part payment, said after its cue (还差三百, 剩下三百没给, 尾款八百): only
# that number derives `paid`, so a model swapping paid and owed is not let through.
_REST = re.compile(r"(?:差|剩|欠|尾款)([^，。,；;！!]{0,8})")
# Words that say some money changed hands at the time (给了一点, 付了一部分, 定金).
_PAYMENT = re.compile(r"给了|付了|交了|转了|收了|先付|先给|预付|首付|定金|订金")
# A speech recogniser writes 筐 as 框; the container keeps its plain name (GUIDE).
_SPELLINGS = {"筐": "框"}
# GUIDE: a loss has no counterparty; a settle or payoff carries no products (the goods
# were booked when sold or bought).
_NO_PARTY = frozenset({EntryType.LOSS})
_NO_GOODS = frozenset({EntryType.SETTLE, EntryType.PAYOFF})


def build_entry(e: LLMEntry, text: str, ref_date: dt.date, said: set[Decimal]) -> Entry:
    """The checked Entry for one event of `text`; `said` is every number the text states."""
    kind = EntryType(e.type) if e.type else EntryType.INCOME
    products = [_product(p, text, said) for p in e.products if _named(p.name, text)]
    if kind in _NO_GOODS:
        products = []
    amount = _amount(e.amount, products, text, said)
    products = _derive_price(products, amount, said)
    if amount is None:
        amount = priced_total(products)
    containers = [c for c in (_container(c, text, said) for c in e.containers) if c]
    # A fee's purpose: an entry about goods or containers has none (GUIDE).
    category = None if products or containers else _category(e.category, text)
    return Entry(
        type=kind,
        users=() if kind in _NO_PARTY else tuple(said_users(e.users, text)),
        products=tuple(products),
        containers=tuple(containers),
        amount=amount,
        paid=_paid(e, kind, amount, text, said),
        date=said_date(e.date, text, ref_date) or ref_date,
        category=category,
        remark=_remark(e.remark, text),
    )


def said_users(users: list[str], text: str) -> list[str]:
    kept = [u.strip() for u in users if u and u.strip() and u.strip() in text]
    if len(kept) != len(users):
        log.info("dropped users not in the message: %s", sorted(set(users) - set(kept)))
    return list(dict.fromkeys(kept))


def date_on_or_before(value: str | None, ref_date: dt.date) -> dt.date | None:
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


def said_date(value: str | None, text: str, ref_date: dt.date) -> dt.date | None:
    """The model's date when the message names that day (the rules' reading of its day
    words) or names none and the date is the message day; else None, and the entry keeps
    the message day (GUIDE) or what the message itself says."""
    day = date_on_or_before(value, ref_date)
    if day is None:
        return None
    named = {f.first for f in find_day(text, ref_date) if f.first is not None}
    if day in named or (day == ref_date and not named):
        return day
    log.info("dropped date %s: the message names %s", day, sorted(named) or "no day")
    return min(named) if len(named) == 1 else None


def _remark(remark: str | None, text: str) -> str | None:
    """A remark only as the message words it, shown on the card; anything else (the
    model's own comment, or words smuggled in) is dropped."""
    word = (remark or "").strip()
    if not word or word not in text:
        if word:
            log.info("dropped remark %r: not in the message", word[:40])
        return None
    return word


def _named(name: str, text: str) -> bool:
    """A product is named as written (GUIDE), so a name the text lacks is invented."""
    word = name.strip()
    if word and word not in text:
        log.info("dropped product %r: not in the message", word)
    return bool(word) and word in text


def _category(category: str | None, text: str) -> str | None:
    """A fee's purpose only as the message words it, a word without its amount (GUIDE)."""
    word = (category or "").strip()
    if not word or len(word) > MAX_CATEGORY or numbers_in(word) or word not in text:
        return None
    return word


def _paid(
    e: LLMEntry, kind: EntryType, amount: Decimal | None, text: str, said: set[Decimal]
) -> Decimal | None:
    """What was paid at the time of a credit sale or payable purchase.

    No `paid` key is 0 (a version-1 answer); null means paid but not how much, which is
    asked, but only when the message speaks of a payment: else nothing was paid (GUIDE).
    A number must be said, or be half of a known total (付了一半), or leave a said rest
    (一共九百，还差三百 → 600); anything else is asked too.
    """
    if kind not in PAID_TYPES or "paid" not in e.model_fields_set:
        return Decimal(0)
    paid = e.paid
    if paid is None:
        return None if _PAYMENT.search(text) else Decimal(0)
    if paid == 0:
        return paid
    if paid < 0 or (amount is not None and paid >= amount):
        # paid in full is no credit: a part payment leaves something owed
        log.info("dropped paid %s: not a part of %s", paid, amount)
        return None
    if contains_number(text, paid, said) or _derived_paid(paid, amount, text):
        return paid
    log.info("dropped paid %s: not in the message", paid)
    return None


def _derived_paid(paid: Decimal, amount: Decimal | None, text: str) -> bool:
    if amount is None:
        return False
    if "一半" in text and abs(amount / 2 - paid) < CENT:
        return True
    rests = {n for tail in _REST.findall(text) for n in numbers_in(tail)}
    return contains_number("", amount - paid, rests)


def _product(p: LLMProduct, text: str, said: set[Decimal]) -> Product:
    qty = p.quantity
    if qty is not None and not contains_number(text, qty, said):
        qty = None
    unit = p.unit if p.unit and p.unit in text else None
    return Product(name=p.name.strip(), quantity=qty, unit=unit, unit_price=p.unit_price)


def _container(c: LLMContainer, text: str, said: set[Decimal]) -> Container | None:
    name = c.name.strip()
    if not name or not any(spelling in text for spelling in _spelled(name)):
        return None
    qty = c.quantity if c.quantity is not None and contains_number("", c.quantity, said) else None
    return Container(name=name, quantity=qty)


def _spelled(name: str) -> set[str]:
    """How a container's plain name may be written in a message (筐 also as 框)."""
    spellings = {name}
    for plain, other in _SPELLINGS.items():
        spellings.add(name.replace(plain, other))
    return spellings


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


def _priced_total(products: list[Product], said: set[Decimal]) -> Decimal | None:
    if not products or any(p.quantity is None or p.unit_price is None for p in products):
        return None
    prices = [p.unit_price for p in products if p.unit_price is not None]
    if not all(contains_number("", price, said) for price in prices):
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
        if price is not None and not near_derived and not _said_price(price, p, said):
            log.info("dropped unit price %s of %s: not in the message", price, p.name)
            price = None
        out.append(p.model_copy(update={"unit_price": price if price is not None else derived}))
    return out


def _said_price(price: Decimal, p: Product, said: set[Decimal]) -> bool:
    """Said, or one said total over the quantity: with two totals (一共两千，收一千九) the
    price comes from the one before the discount (GUIDE)."""
    if contains_number("", price, said):
        return True
    if not p.quantity:
        return False
    return any(abs(cents(n / p.quantity) - price) < CENT for n in said)
