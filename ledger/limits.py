"""What the books can hold: the bounds every entry is checked against when its draft is
made, so a card the database would refuse is never shown as if it could be saved.

The bounds follow the tables (storage/models.py): money is Numeric(12,2), so below 10^10;
names are String(64) (counterparties, category) and kept as short in JSONB (products,
containers, units); PostgreSQL text cannot hold NUL. Dates are those of a working book:
not before MIN_YEAR, not after today.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ledger.entry import Entry
from ledger.vocabulary import MONEY_TYPES

MAX_AMOUNT = Decimal("9999999999.99")  # Numeric(12,2)
MAX_QUANTITY = Decimal("99999999.99")
MAX_NAME_CHARS = 64  # users and category: String(64); products and containers alike
MAX_UNIT_CHARS = 16
MAX_REMARK_CHARS = 500
MAX_LINES = 50  # products or containers in one entry
MAX_USERS = 20
MAX_ENTRIES = 20  # entries in one message
MIN_YEAR = 2000
KEPT_CONTROLS = frozenset("\n\t")

Field = Literal["amount", "quantity", "date", "name", "size"]
Kind = Literal["too_large", "zero", "negative", "future", "too_old", "too_long", "too_many",
               "control"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an entry cannot be saved as it is: `field`, `kind`, and the value concerned."""

    field: Field
    kind: Kind
    value: str = ""


def clean_text(text: str) -> str:
    """`text` without control and format characters (NUL, escapes, zero-width marks), which
    no name or message needs and PostgreSQL's text may refuse; newlines and tabs stay."""
    return "".join(
        c for c in text
        if c in KEPT_CONTROLS or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
    )


def problems(entry: Entry, today: dt.date) -> list[Problem]:
    """Everything about `entry` that the books cannot hold, in the order to be asked."""
    out: list[Problem] = []
    for value in (entry.amount, entry.paid):
        if value is None:
            continue
        if value < 0:
            out.append(Problem("amount", "negative", str(value)))
        elif value > MAX_AMOUNT:
            out.append(Problem("amount", "too_large", str(value)))
    if entry.amount == 0 and entry.type in MONEY_TYPES:
        out.append(Problem("amount", "zero"))
    for p in entry.products:
        for value, bound in ((p.quantity, MAX_QUANTITY), (p.unit_price, MAX_AMOUNT)):
            if value is not None and not 0 <= value <= bound:
                out.append(Problem("quantity", "too_large", str(value)))
    for c in entry.containers:
        if c.quantity is not None and (c.quantity < 0 or c.quantity > MAX_QUANTITY):
            out.append(Problem("quantity", "too_large", str(c.quantity)))
    if entry.date > today:
        out.append(Problem("date", "future", entry.date.isoformat()))
    elif entry.date.year < MIN_YEAR:
        out.append(Problem("date", "too_old", entry.date.isoformat()))
    out += _text_problems(entry)
    return out


def _text_problems(entry: Entry) -> list[Problem]:
    out: list[Problem] = []
    if len(entry.products) > MAX_LINES or len(entry.containers) > MAX_LINES:
        out.append(Problem("size", "too_many", str(max(len(entry.products),
                                                       len(entry.containers)))))
    if len(entry.users) > MAX_USERS:
        out.append(Problem("size", "too_many", str(len(entry.users))))
    names = [*entry.users, *(p.name for p in entry.products),
             *(c.name for c in entry.containers), entry.category or ""]
    limited = [(n, MAX_NAME_CHARS) for n in names]
    limited += [(p.unit or "", MAX_UNIT_CHARS) for p in entry.products]
    limited.append((entry.remark or "", MAX_REMARK_CHARS))
    for text, limit in limited:
        if clean_text(text) != text:
            out.append(Problem("name", "control", text))
        elif len(text) > limit:
            out.append(Problem("name", "too_long", text))
    return out
