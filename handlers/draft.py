"""The entry being built in a conversation, and the pure rules that keep it consistent.

A draft lives in Redis between messages. Its id becomes the saved entry's dedup key, so a
repeated 「对」 or a redelivered message can never save it twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, Field

from chains import schemas
from chains.schemas import Container, EntryType, MissingField, Parse, Patch, Product
from storage.entries import SavedEntry

CENT = Decimal("0.01")


class Draft(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    type: EntryType
    users: list[str] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    containers: list[Container] = Field(default_factory=list)
    amount: Decimal | None = None
    amount_said: bool = False  # the vendor stated the total (not derived from unit prices)
    date: dt.date
    remark: str | None = None
    missing: list[MissingField] = Field(default_factory=list)
    asking: MissingField | None = None
    questions_asked: int = 0
    confidence: float = 1.0
    raw_text: str = ""
    source: str = "text"
    transcript: str | None = None
    voice_record_id: int | None = None
    extractor: str = "rules"
    prompt_version: str | None = None


def draft_from_parse(parse: Parse, today: dt.date, **extra: object) -> Draft:
    """A new draft from a record parse; no date said means today (GUIDE)."""
    draft = Draft(
        type=parse.type or EntryType.INCOME,
        users=list(parse.users),
        products=list(parse.products),
        containers=list(parse.containers),
        amount=parse.amount,
        amount_said=any(span.field == "amount" for span in parse.spans),
        date=parse.date or today,
        remark=parse.remark,
        confidence=parse.confidence,
        **extra,
    )  # type: ignore[arg-type]
    return draft.model_copy(update={"missing": missing_fields(draft)})


def draft_from_saved(e: SavedEntry) -> Draft:
    """A saved entry in draft form, to describe it the same way."""
    return Draft(
        id=e.dedup_key,
        type=e.type,
        users=e.users,
        products=e.products,
        containers=e.containers,
        amount=e.amount,
        date=e.transaction_date,
    )


def missing_fields(d: Draft) -> list[MissingField]:
    """The GUIDE's rule: what must be asked before saving."""
    return schemas.missing_fields(d.type, d.amount, containers=bool(d.containers),
                                  users=bool(d.users))


def apply_patch(d: Draft, patch: Patch) -> Draft:
    """Apply a correction and recompute what was derived from the changed values."""
    data = d.model_dump()
    if patch.type is not None:
        data["type"] = patch.type
    if patch.users is not None:
        data["users"] = list(patch.users)
    if patch.replace_user is not None:
        data["users"] = _replace_user(d.users, *patch.replace_user)
    if patch.date is not None:
        data["date"] = patch.date
    if patch.containers is not None:
        data["containers"] = list(patch.containers)
    if patch.container_quantity is not None and d.containers:
        first = d.containers[0].model_copy(update={"quantity": patch.container_quantity})
        data["containers"] = [first, *d.containers[1:]]
    patched = _patch_money(Draft.model_validate(data), patch)
    return patched.model_copy(update={"missing": missing_fields(patched)})


def _replace_user(users: list[str], old: str, new: str) -> list[str]:
    if old in users:
        return [new if u == old else u for u in users]
    return [new] if len(users) <= 1 else [*users, new]


def _patch_money(d: Draft, patch: Patch) -> Draft:
    """A total the vendor said stands, and a single product's unit price follows it;
    a total derived from quantity x unit price follows the new figures."""
    products = list(d.products)
    containers = list(d.containers)
    line_changes = {
        k: v
        for k, v in (
            ("quantity", patch.quantity),
            ("unit_price", patch.unit_price),
            ("unit", patch.unit),
        )
        if v is not None
    }
    if line_changes and products:
        i = _product_index(products, patch.product)
        products[i] = products[i].model_copy(update=line_changes)
    elif patch.quantity is not None and containers:
        containers[0] = containers[0].model_copy(update={"quantity": patch.quantity})
    amount, said = d.amount, d.amount_said
    if patch.amount is not None:
        amount, said = patch.amount, True
        products = _price_follows_total(products, amount)
    elif line_changes and products:
        if said and amount is not None:
            if patch.unit_price is None:
                products = _price_follows_total(products, amount)
        else:
            amount = _priced_total(products) or amount
    return d.model_copy(
        update={
            "products": products,
            "containers": containers,
            "amount": amount,
            "amount_said": said,
        }
    )


def _product_index(products: list[Product], name: str | None) -> int:
    if name:
        for i, p in enumerate(products):
            if name in p.name or p.name in name:
                return i
    return 0


def _priced_total(products: list[Product]) -> Decimal | None:
    total = Decimal(0)
    for p in products:
        if p.quantity is None or p.unit_price is None:
            return None
        total += p.quantity * p.unit_price
    return total if products else None


def _price_follows_total(products: list[Product], amount: Decimal) -> list[Product]:
    """With one product, a stated total fixes its unit price (GUIDE: rounded to 2 decimals)."""
    if len(products) != 1:
        return products
    p = products[0]
    qty = p.quantity
    if not qty or (p.unit_price is not None and qty * p.unit_price == amount):
        return products
    price = (amount / qty).quantize(CENT, ROUND_HALF_UP)
    return [p.model_copy(update={"unit_price": price})]
