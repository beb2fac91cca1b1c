"""What an extractor (rules or LLM) answers for one message: a `Parse`.

Entries are the books' own `ledger.Entry`; this module adds what only understanding a
message needs (intent, question, correction, confidence, spans). `Parse.to_answer()` is
../shared/eval/GUIDE.md's answer object, so an LLM can be asked for the very same shape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ledger import Container, Entry, EntryType, Metric, MissingField


class Intent(StrEnum):
    RECORD = "record"
    QUERY = "query"
    CORRECT = "correct"
    CONFIRM = "confirm"
    CANCEL = "cancel"
    UNDO = "undo"
    EDIT = "edit"
    DELETE = "delete"
    OTHER = "other"


class Query(BaseModel):
    model_config = ConfigDict(frozen=True)

    metric: Metric
    start: dt.date | None = None
    end: dt.date | None = None
    users: list[str] = Field(default_factory=list)
    product: str | None = None

    def answer(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "users": list(self.users),
            "product": self.product,
        }


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
    paid: Decimal | None = None
    category: str | None = None
    date: dt.date | None = None
    container_quantity: Decimal | None = None
    containers: list[Container] | None = None  # 「二十个筐」 answering 「借了多少?」

    def is_empty(self) -> bool:
        return all(v is None for v in self.model_dump().values())


class EntryRef(BaseModel):
    """How an `edit` or `delete` names an entry saved earlier (「把昨天老李那笔…」).

    Only what the message says: `None`/`[]` when not said. `last` is 上一笔/刚才那笔, the
    most recent saved entry. The dialogue finds the entry, shows it and asks first.
    """

    model_config = ConfigDict(frozen=True)

    date: dt.date | None = None
    users: list[str] = Field(default_factory=list)
    product: str | None = None
    category: str | None = None  # 运费那笔, 交房租那条: a fee names the entry
    amount: Decimal | None = None
    last: bool = False


class Span(BaseModel):
    """Where in the message a field's value came from (character offsets)."""

    model_config = ConfigDict(frozen=True)

    field: str
    entry: int = 0  # which of the parse's entries the value belongs to
    start: int
    end: int
    text: str


class Parse(BaseModel):
    """One message understood: entries, a question, a correction or a dialogue act.

    A record holds one entry per separate event, in the order said (GUIDE: several
    entries per message)."""

    intent: Intent
    entries: list[Entry] = Field(default_factory=list)
    query: Query | None = None
    patch: Patch | None = None  # correct and edit: what changes
    ref: EntryRef | None = None  # edit and delete: which saved entry
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    spans: list[Span] = Field(default_factory=list)

    @property
    def entry(self) -> Entry:
        """The first (usually only) entry of a record."""
        if not self.entries:
            raise ValueError(f"a {self.intent.value} parse holds no entry")
        return self.entries[0]

    def to_answer(self) -> dict[str, Any]:
        """Render the GUIDE's answer object (without `id`): one event flat, several under
        `entries`."""
        if self.intent is Intent.QUERY and self.query is not None:
            return {"intent": "query", "query": self.query.answer()}
        if self.intent is not Intent.RECORD or not self.entries:
            return {"intent": self.intent.value}
        if len(self.entries) == 1:
            return {"intent": "record", **self.entries[0].answer()}
        return {"intent": "record", "entries": [e.answer() for e in self.entries]}


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
