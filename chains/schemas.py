"""The project's own parse result: what every extractor (rules or LLM) returns.

Field names and values follow ../shared/eval/GUIDE.md exactly, so `Parse.to_answer()`
is the GUIDE's answer object and an LLM can be asked for the very same shape.
Money and quantities are `Decimal` end to end; they become JSON numbers only at the edge.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Intent(StrEnum):
    RECORD = "record"
    QUERY = "query"
    CORRECT = "correct"
    CONFIRM = "confirm"
    CANCEL = "cancel"
    UNDO = "undo"
    OTHER = "other"


class EntryType(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"
    CREDIT = "credit"
    SETTLE = "settle"
    BORROW = "borrow"
    RETURN = "return"


MONEY_TYPES = frozenset({EntryType.INCOME, EntryType.EXPENSE, EntryType.CREDIT, EntryType.SETTLE})
PARTY_TYPES = frozenset({EntryType.CREDIT, EntryType.SETTLE, EntryType.BORROW, EntryType.RETURN})

Metric = Literal["income", "expense", "net", "receivable", "containers", "count", "list"]
MissingField = Literal["amount", "users"]


def missing_fields(
    entry_type: EntryType | None, amount: object, *, containers: bool, users: bool
) -> list[MissingField]:
    """The GUIDE's rule for what must be asked before saving: `amount` when money is the
    point of the entry, or a borrow/return moves neither containers nor money; `users`
    when a credit, settle, borrow or return has no counterparty."""
    missing: list[MissingField] = []
    moves_nothing = entry_type in (EntryType.BORROW, EntryType.RETURN) and not containers
    if amount is None and (entry_type in MONEY_TYPES or moves_nothing):
        missing.append("amount")
    if entry_type in PARTY_TYPES and not users:
        missing.append("users")
    return missing


class Product(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None


class Container(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    quantity: Decimal | None = None


class Query(BaseModel):
    model_config = ConfigDict(frozen=True)

    metric: Metric
    start: dt.date | None = None
    end: dt.date | None = None
    users: list[str] = Field(default_factory=list)
    product: str | None = None


class Patch(BaseModel):
    """The fields a correction message changes; `None` means unchanged.

    `replace_user` is (old, new) for 「是老王不是老李」; `users` and `containers` replace the
    whole list.
    `product` names the product line a quantity/unit/price change refers to, when said.
    """

    model_config = ConfigDict(frozen=True)

    type: EntryType | None = None
    users: list[str] | None = None
    replace_user: tuple[str, str] | None = None
    product: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    date: dt.date | None = None
    container_quantity: Decimal | None = None
    containers: list[Container] | None = None  # 「二十个筐」 answering 「借了多少?」

    def is_empty(self) -> bool:
        return all(v is None for v in self.model_dump().values())


class Span(BaseModel):
    """Where in the message a field's value came from (character offsets)."""

    model_config = ConfigDict(frozen=True)

    field: str
    start: int
    end: int
    text: str


class Parse(BaseModel):
    """One message understood: an entry, a question, a correction or a dialogue act."""

    intent: Intent
    type: EntryType | None = None
    users: list[str] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    containers: list[Container] = Field(default_factory=list)
    amount: Decimal | None = None
    date: dt.date | None = None
    missing: list[MissingField] = Field(default_factory=list)
    remark: str | None = None
    query: Query | None = None
    patch: Patch | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    spans: list[Span] = Field(default_factory=list)

    def to_answer(self) -> dict[str, Any]:
        """Render the GUIDE's answer object (without `id`)."""
        if self.intent is Intent.QUERY and self.query is not None:
            q = self.query
            return {
                "intent": "query",
                "query": {
                    "metric": q.metric,
                    "start": _iso(q.start),
                    "end": _iso(q.end),
                    "users": list(q.users),
                    "product": q.product,
                },
            }
        if self.intent is not Intent.RECORD:
            return {"intent": self.intent.value}
        answer: dict[str, Any] = {
            "intent": "record",
            "type": self.type.value if self.type else None,
            "users": list(self.users),
            "products": products_answer(self.products),
            "containers": containers_answer(self.containers),
            "amount": to_number(self.amount),
            "date": _iso(self.date),
            "missing": sorted(self.missing),
        }
        if self.remark:
            answer["remark"] = self.remark
        return answer


class ExtractContext(BaseModel):
    """What the extractor may know beyond the message itself.

    `known_users`/`known_products`/`known_units` come from the account's own history and
    help segment names such as 花店小王. `asking` is the field the dialogue just asked for,
    so a bare answer (「一共一万」, 「老李」) parses as a correction of that field;
    `pending` describes that draft so an LLM can see what a correction refers to.
    """

    model_config = ConfigDict(frozen=True)

    known_users: tuple[str, ...] = ()
    known_products: tuple[str, ...] = ()
    known_units: tuple[str, ...] = ()
    asking: MissingField | None = None
    has_draft: bool = False
    pending: str | None = None  # the draft waiting for confirmation, as the vendor saw it


def products_answer(products: list[Product]) -> list[dict[str, Any]]:
    """Product lines with the GUIDE's field names and JSON numbers."""
    return [
        {
            "name": p.name,
            "quantity": to_number(p.quantity),
            "unit": p.unit,
            "unit_price": to_number(p.unit_price),
        }
        for p in products
    ]


def containers_answer(containers: list[Container]) -> list[dict[str, Any]]:
    return [{"name": c.name, "quantity": to_number(c.quantity)} for c in containers]


def to_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number a person would write (10000, 3.33)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
