"""What the ledger stores and gives back: a `ledger.Entry` plus where it came from.

`to_row_values` and `from_row` are the one mapping between a table row and an `Entry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from ledger import PAID_TYPES, Container, Entry, EntryType, Product
from storage.models import TransactionRow


class Provenance(BaseModel):
    """How an entry came to be; `dedup_key` (the draft's) makes a second save impossible."""

    model_config = ConfigDict(frozen=True)

    dedup_key: str
    source: str = "text"
    raw_text: str = ""
    extractor: str = "rules"
    prompt_version: str | None = None
    chat_key: str = ""


class SavedEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    account_id: int
    entry: Entry
    provenance: Provenance
    status: str = "active"

    def to_export(self) -> dict[str, Any]:
        """The GUIDE's field names; dates ISO, amounts as numbers."""
        fields = self.entry.answer()
        del fields["missing"]
        fields.setdefault("remark", None)
        return {"id": self.id, **fields, "source": self.provenance.source}


def to_row_values(entry: Entry, provenance: Provenance) -> dict[str, Any]:
    return {
        "type": entry.type.value,
        "amount": entry.amount,
        "paid": entry.paid if entry.type in PAID_TYPES else None,
        "category": entry.category,
        "transaction_date": entry.date,
        "users": list(entry.users),
        "products": _to_jsonb(entry.products),
        "containers": _to_jsonb(entry.containers),
        "remark": entry.remark,
        **provenance.model_dump(),
    }


def from_row(row: TransactionRow) -> SavedEntry:
    entry_type = EntryType(row.type)
    entry = Entry(
        type=entry_type,
        users=tuple(row.users),
        products=tuple(Product.model_validate(p) for p in row.products),
        containers=tuple(Container.model_validate(c) for c in row.containers),
        amount=row.amount,
        # A version-1 credit has no paid column value: nothing was paid at the time.
        paid=(row.paid if row.paid is not None else Decimal(0))
        if entry_type in PAID_TYPES
        else None,
        category=row.category,
        date=row.transaction_date,
        remark=row.remark,
    )
    provenance = Provenance(
        dedup_key=row.dedup_key,
        source=row.source,
        raw_text=row.raw_text,
        extractor=row.extractor,
        prompt_version=row.prompt_version,
        chat_key=row.chat_key,
    )
    return SavedEntry(
        id=row.id, account_id=row.account_id, entry=entry, provenance=provenance,
        status=row.status,
    )


def _to_jsonb(items: Sequence[Product] | Sequence[Container]) -> list[dict[str, Any]]:
    """Product or container lines for a JSONB column. Decimals are kept as strings inside
    JSONB so no float rounding can creep in."""
    return [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in item.model_dump().items()}
        for item in items
    ]
