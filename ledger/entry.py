"""One bookkeeping entry, the same shape from extraction to storage to reply."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from ledger.money import priced_total, to_number
from ledger.vocabulary import PAID_TYPES, EntryType, MissingField, missing_fields


class Product(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    quantity: Decimal | None = None  # None: approximate (一百来斤) or not said
    unit: str | None = None
    unit_price: Decimal | None = None

    def answer(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quantity": to_number(self.quantity),
            "unit": self.unit,
            "unit_price": to_number(self.unit_price),
        }


class Container(BaseModel):
    """Packaging that goes out and comes back (筐, 周转箱, 托盘), by its plain name."""

    model_config = ConfigDict(frozen=True)

    name: str
    quantity: Decimal | None = None

    def answer(self) -> dict[str, Any]:
        return {"name": self.name, "quantity": to_number(self.quantity)}


class Entry(BaseModel):
    """What happened, as the vendor would write it in a paper book.

    `paid` is what was paid at the time of a credit sale or payable purchase (0: nothing,
    None: something, but not how much); other types ignore it. `category` says what money
    not spent on goods was for (运费, 摊位费). `amount` is None when not yet known.
    """

    model_config = ConfigDict(frozen=True)

    type: EntryType
    users: tuple[str, ...] = ()
    products: tuple[Product, ...] = ()
    containers: tuple[Container, ...] = ()
    amount: Decimal | None = None
    paid: Decimal | None = Decimal(0)
    category: str | None = None
    date: dt.date
    remark: str | None = None

    @property
    def missing(self) -> list[MissingField]:
        return missing_fields(
            self.type,
            amount_known=self.amount is not None,
            paid_known=self.paid is not None,
            has_containers=bool(self.containers),
            has_users=bool(self.users),
        )

    @property
    def owed(self) -> Decimal | None:
        """What is still owed on a credit or payable entry (amount − paid)."""
        if self.type not in PAID_TYPES or self.amount is None or self.paid is None:
            return None
        return self.amount - self.paid

    def priced_total(self) -> Decimal | None:
        return priced_total(self.products)

    def answer(self) -> dict[str, Any]:
        """The GUIDE's record fields for this entry (JSON numbers, ISO date)."""
        out: dict[str, Any] = {
            "type": self.type.value,
            "users": list(self.users),
            "products": [p.answer() for p in self.products],
            "containers": [c.answer() for c in self.containers],
            "amount": to_number(self.amount),
            "date": self.date.isoformat(),
            "missing": self.missing,
            "category": self.category,
        }
        if self.type in PAID_TYPES:
            out["paid"] = to_number(self.paid)
        if self.remark:
            out["remark"] = self.remark
        return out
