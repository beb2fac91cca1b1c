"""The entries being built in a conversation, and the pure rules that keep them consistent.

A draft lives in Redis between messages. Its id is the saved entries' dedup key, so a
repeated 「对」 or a redelivered message can never save them twice.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chains.schemas import Parse, Patch
from ledger import (
    PAID_TYPES,
    Entry,
    EntryType,
    MissingField,
    Product,
    derived_unit_price,
    may_save_without,
    priced_total,
)

Doubt = Literal["short", "overpaid"]
# 抹零 turns a part payment into money taken in full; a sale beyond a debt is new goods.
_PAID_IN_FULL = {EntryType.CREDIT: EntryType.INCOME, EntryType.PAYABLE: EntryType.EXPENSE}
_NEW_GOODS = {EntryType.SETTLE: EntryType.INCOME, EntryType.PAYOFF: EntryType.EXPENSE}


class NameQuestion(BaseModel):
    """A said name that may be one of several saved counterparties: which one is meant."""

    model_config = ConfigDict(frozen=True)

    said: str
    candidates: tuple[str, ...] = Field(min_length=1)


class Draft(BaseModel):
    """One message's entries (usually one) plus what the dialogue knows about them.

    `said_totals[i]` is true when the vendor stated entry i's total (it then stands when
    quantities change); otherwise the total follows quantity × unit price. `focus` is the
    entry a question or a correction is about.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    entries: tuple[Entry, ...] = Field(min_length=1)
    said_totals: tuple[bool, ...] = ()
    focus: int = 0
    asking: MissingField | None = None
    questions_asked: int = 0
    confidence: float = 1.0
    raw_text: str = ""
    source: str = "text"
    transcript: str | None = None
    voice_record_id: int | None = None
    extractor: str = "rules"
    prompt_version: str | None = None
    # Earlier cards still waiting, oldest first: a new entry never drops a waiting one.
    held: tuple[Draft, ...] = ()
    # A card about an entry saved earlier: 对 changes it (or, with `delete`, removes it).
    saved_id: int | None = None
    delete: bool = False
    # Names: (saved name, as the vendor said it) for each said name read as a saved one,
    # shown on the card; names the vendor said are someone new (never asked about again);
    # the question about a name still open.
    said_as: tuple[tuple[str, str], ...] = ()
    new_names: tuple[str, ...] = ()
    naming: NameQuestion | None = None
    # Warnings about the entries as they stand (a credit limit passed), shown on the card.
    warnings: tuple[str, ...] = ()
    # The day the message named that the books cannot take (「2月30号」, 「明天」): the entry
    # is dated today only as a placeholder, so nothing is saved until a date is said.
    date_doubt: str | None = None
    # Fields the vendor answered 不知道 for, where the books allow saving without them.
    skipped: tuple[tuple[int, MissingField], ...] = ()
    # A doubt the card asks about before it may be saved (entry `focus`): `short`, a
    # payment below the total (抹零, or still owed?); `overpaid`, a settle/payoff beyond
    # what is owed (`owed`): the rest a new sale/purchase, or money paid ahead?
    doubt: Doubt | None = None
    owed: Decimal | None = None

    @property
    def entry(self) -> Entry:
        return self.entries[self.focus]

    def said_total(self, index: int) -> bool:
        return index < len(self.said_totals) and self.said_totals[index]

    def next_missing(self) -> tuple[int, MissingField] | None:
        """The first field still to be asked, and whose entry it is."""
        for i, e in enumerate(self.entries):
            for field in e.missing:
                if (i, field) not in self.skipped:
                    return i, field
        return None

    def dedup_key(self, index: int) -> str:
        return self.id if index == 0 else f"{self.id}-{index + 1}"

    def holding(self, earlier: Draft) -> Draft:
        """This draft in front, with `earlier` (and what it held) still waiting behind."""
        behind = (*earlier.held, earlier.model_copy(update={"held": ()}))
        return self.model_copy(update={"held": behind})

    def find(self, draft_id: str) -> Draft | None:
        """This draft or one it holds, by id (a button names the card it was on)."""
        return next((d for d in (self, *self.held) if d.id == draft_id), None)

    def without(self, draft_id: str) -> Draft | None:
        """What waits once the draft `draft_id` is settled: the newest held card comes to
        the front when the front one goes."""
        if draft_id != self.id:
            rest = tuple(d for d in self.held if d.id != draft_id)
            return self.model_copy(update={"held": rest})
        if not self.held:
            return None
        return self.held[-1].model_copy(update={"held": self.held[:-1]})

    def with_entry(self, index: int, entry: Entry, *, said: bool | None = None) -> Draft:
        entries = list(self.entries)
        entries[index] = entry
        totals = [self.said_total(i) for i in range(len(entries))]
        if said is not None:
            totals[index] = said
        return self.model_copy(update={"entries": tuple(entries), "said_totals": tuple(totals)})


def draft_from_parse(parse: Parse, **extra: object) -> Draft:
    """A new draft from a record parse."""
    said = tuple(
        any(s.field == "amount" and s.entry == i for s in parse.spans)
        for i in range(len(parse.entries))
    )
    return Draft(
        entries=tuple(parse.entries),
        said_totals=said,
        confidence=parse.confidence,
        **extra,
    )


def apply_patch(d: Draft, patch: Patch) -> Draft:
    """Apply a correction to the focused entry (or the one `patch.entry` names) and
    recompute what was derived from the changed values."""
    if patch.entry is not None and patch.entry < len(d.entries):
        d = d.model_copy(update={"focus": patch.entry})
    if patch.unknown and d.asking is not None and may_save_without(d.entry.type, d.asking):
        d = d.model_copy(update={"skipped": (*d.skipped, (d.focus, d.asking))})
    if patch.short is not None or patch.overpaid is not None:
        return _settle_doubt(d, patch)
    e = d.entry
    update: dict[str, object] = {}
    if patch.type is not None:
        update["type"] = patch.type
        if patch.type in PAID_TYPES and e.type not in PAID_TYPES:
            update["paid"] = Decimal(0)  # newly on credit: nothing paid unless said
    if patch.users is not None:
        update["users"] = tuple(patch.users)
    if patch.replace_user is not None:
        update["users"] = _replace_user(e.users, *patch.replace_user)
    if patch.date is not None:
        update["date"] = patch.date
        d = d.model_copy(update={"date_doubt": None})
    if patch.paid is not None:
        update["paid"] = patch.paid
    if patch.category is not None:
        update["category"] = patch.category
    if patch.containers is not None:
        update["containers"] = tuple(patch.containers)
    renamed = _renamed(e.products, patch)
    if renamed is not None:
        update["products"] = renamed
    if patch.container_quantity is not None and e.containers:
        first = e.containers[0].model_copy(update={"quantity": patch.container_quantity})
        update["containers"] = (first, *e.containers[1:])
    patched = Entry.model_validate({**e.model_dump(), **update})
    entry, said = _patch_money(patched, patch, said=d.said_total(d.focus))
    d = d.with_entry(d.focus, entry, said=said)
    if d.doubt == "short" and (entry.type not in PAID_TYPES or patch.paid is not None):
        d = d.model_copy(update={"doubt": None})  # the vendor said how it was paid
    return d


def _renamed(products: tuple[Product, ...], patch: Patch) -> tuple[Product, ...] | None:
    """是月季不是千叶 renames that line; a name the entry's one product does not have (商品
    是月季) is its new name; with no product yet, the goods named become one."""
    if patch.replace_product is not None:
        old, new = patch.replace_product
        hit = [i for i, p in enumerate(products) if old in p.name or p.name in old]
        if not hit and len(products) != 1:
            return None
        i = hit[0] if hit else 0
        return (*products[:i], products[i].model_copy(update={"name": new}), *products[i + 1:])
    name = patch.product
    if name is None or any(name in p.name or p.name in name for p in products):
        return None
    if not products:
        return (Product(name=name),)
    if len(products) == 1:
        return (products[0].model_copy(update={"name": name}),)
    return None


def _settle_doubt(d: Draft, patch: Patch) -> Draft:
    """The vendor said which way the card's doubt goes."""
    e = d.entry
    done = d.model_copy(update={"doubt": None, "owed": None})
    if patch.short == "discount" and e.type in _PAID_IN_FULL and e.paid is not None:
        # 抹零: what was paid is what was charged; a derived unit price stays (GUIDE)
        full = e.model_copy(update={"type": _PAID_IN_FULL[e.type], "amount": e.paid,
                                    "paid": None})
        return done.with_entry(d.focus, full, said=True)
    if patch.overpaid == "sale" and e.type in _NEW_GOODS and e.amount is not None:
        owed = max(d.owed or Decimal(0), Decimal(0))
        rest = e.amount - owed
        new = e.model_copy(update={"type": _NEW_GOODS[e.type], "amount": rest})
        if owed == 0:
            return done.with_entry(d.focus, new, said=True)
        paid_off = e.model_copy(update={"amount": owed})
        entries = (*d.entries[:d.focus], paid_off, new, *d.entries[d.focus + 1:])
        totals = tuple(d.said_total(i) for i in range(len(d.entries)))
        said = (*totals[:d.focus], True, True, *totals[d.focus + 1:])
        return done.model_copy(update={"entries": entries, "said_totals": said})
    return done


def _replace_user(users: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    if old in users:
        return tuple(new if u == old else u for u in users)
    return (new,) if len(users) <= 1 else (*users, new)


def _patch_money(e: Entry, patch: Patch, *, said: bool) -> tuple[Entry, bool]:
    """A total the vendor said stands, and a single product's unit price follows it;
    a total derived from quantity x unit price follows the new figures."""
    products = list(e.products)
    containers = list(e.containers)
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
    amount = e.amount
    if patch.amount is not None:
        amount, said = patch.amount, True
        products = _price_follows_total(products, amount)
    elif line_changes and products:
        if said and amount is not None and patch.unit_price is None:
            products = _price_follows_total(products, amount)
        else:
            # A unit price said now is the latest word: the total follows it, said or not.
            new_total = priced_total(products)
            if new_total is not None:
                amount, said = new_total, False
    entry = e.model_copy(
        update={"products": tuple(products), "containers": tuple(containers), "amount": amount}
    )
    return entry, said


def _product_index(products: list[Product], name: str | None) -> int:
    if name:
        for i, p in enumerate(products):
            if name in p.name or p.name in name:
                return i
    return 0


def _price_follows_total(products: list[Product], amount: Decimal) -> list[Product]:
    """With one product, a stated total fixes its unit price (GUIDE: rounded to 2 decimals)."""
    if len(products) != 1:
        return products
    p = products[0]
    if p.unit_price is not None and p.quantity is not None and p.quantity * p.unit_price == amount:
        return products
    price = derived_unit_price(amount, p.quantity)
    return products if price is None else [p.model_copy(update={"unit_price": price})]
