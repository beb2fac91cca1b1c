"""What the ledger stores and gives back, as the project's own models (no ORM rows leak out)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chains.schemas import Container, EntryType, Product, to_number


class NewEntry(BaseModel):
    """An entry the vendor confirmed; `dedup_key` (the draft id) makes a second save impossible."""

    model_config = ConfigDict(frozen=True)

    type: EntryType
    amount: Decimal | None
    transaction_date: dt.date
    users: list[str] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    containers: list[Container] = Field(default_factory=list)
    remark: str | None = None
    source: str = "text"
    raw_text: str = ""
    extractor: str = "rules"
    prompt_version: str | None = None
    chat_key: str = ""
    dedup_key: str


class SavedEntry(NewEntry):
    id: int
    account_id: int
    status: str = "active"

    def to_export(self) -> dict[str, Any]:
        """The GUIDE's field names; dates ISO, amounts as numbers."""
        return {
            "id": self.id,
            "type": self.type.value,
            "users": list(self.users),
            "products": [
                {
                    "name": p.name,
                    "quantity": to_number(p.quantity),
                    "unit": p.unit,
                    "unit_price": to_number(p.unit_price),
                }
                for p in self.products
            ],
            "containers": [
                {"name": c.name, "quantity": to_number(c.quantity)} for c in self.containers
            ],
            "amount": to_number(self.amount),
            "date": self.transaction_date.isoformat(),
            "remark": self.remark,
            "source": self.source,
        }


def products_to_json(products: list[Product]) -> list[dict[str, Any]]:
    # Decimals are kept as strings inside JSONB so no float rounding can creep in.
    return [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in p.model_dump().items()}
        for p in products
    ]


def containers_to_json(containers: list[Container]) -> list[dict[str, Any]]:
    return [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in c.model_dump().items()}
        for c in containers
    ]
