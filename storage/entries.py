"""What the ledger stores and gives back, as the project's own models (no ORM rows leak out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chains.schemas import (
    Container,
    EntryType,
    Product,
    containers_answer,
    products_answer,
    to_number,
)


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
            "products": products_answer(self.products),
            "containers": containers_answer(self.containers),
            "amount": to_number(self.amount),
            "date": self.transaction_date.isoformat(),
            "remark": self.remark,
            "source": self.source,
        }


def to_jsonb(items: Sequence[Product] | Sequence[Container]) -> list[dict[str, Any]]:
    """Product or container lines for a JSONB column. Decimals are kept as strings inside
    JSONB so no float rounding can creep in."""
    return [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in item.model_dump().items()}
        for item in items
    ]
