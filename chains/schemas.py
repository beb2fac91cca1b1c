"""What an extractor (rules or LLM) answers for one message: a `Parse`.

Entries are the books' own `ledger.Entry`; this module adds what only understanding a
message needs (intent, question, correction, confidence, spans). `Parse.to_answer()` is
../shared/eval/GUIDE.md's answer object, so an LLM can be asked for the very same shape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

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

    `replace_user` is (old, new) for 「是老王不是老李」 (`replace_product` likewise for goods);
    `users` and `containers` replace the whole list.
    `product` names the product line a quantity/unit/price change refers to, when said (on
    an entry of one product, a name it does not have is the product's new name).
    `entry` is the entry of a multi-entry card the change is about (第二笔 → 1).
    `unknown` answers the question asked with 不知道/没算 (saved without it where allowed).
    `short` settles a payment below the total: `discount` (抹零, the rest is let go) or
    `owed` (the rest is still owed). `overpaid` settles a payoff/settle above what is owed:
    `sale` (the rest is a new sale or purchase) or `advance` (kept as money paid ahead).
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
    replace_product: tuple[str, str] | None = None
    entry: int | None = Field(default=None, ge=0)
    unknown: bool | None = None
    short: Literal["discount", "owed"] | None = None
    overpaid: Literal["sale", "advance"] | None = None

    def is_empty(self) -> bool:
        """Nothing changes (which entry it is about is no change by itself)."""
        return all(v is None for k, v in self.model_dump().items() if k != "entry")


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
    # The card asks which way a doubt goes: `short` (抹零 or still owed?), `overpaid`
    # (beyond what is owed: a new sale/purchase or money paid ahead?).
    choosing: Literal["short", "overpaid"] | None = None
    has_draft: bool = False
    pending: str | None = None  # the draft waiting for confirmation, as the vendor saw it
