"""Money rules: cents, a unit price from a total, the total of priced lines.

Money is `Decimal` end to end; it becomes a JSON number only at the edge (`to_number`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ledger.entry import Product

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, half up, as a vendor rounds."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def derived_unit_price(amount: Decimal, quantity: Decimal | None) -> Decimal | None:
    """A single product's unit price from the entry's total (GUIDE: rounded to 2 decimals)."""
    if not quantity:
        return None
    return cents(amount / quantity)


def priced_total(products: Iterable[Product]) -> Decimal | None:
    """Quantity x unit price over every line; None unless every line has both."""
    total = Decimal(0)
    seen = False
    for p in products:
        if p.quantity is None or p.unit_price is None:
            return None
        total += p.quantity * p.unit_price
        seen = True
    return cents(total) if seen else None


def to_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number a person would write (10000, 3.33)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
