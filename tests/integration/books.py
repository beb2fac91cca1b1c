"""Generated books with every entry type, saved through storage's own repository.

Part payments, refunds, losses (valued and not), payoffs, containers on sales, borrow and
return of both crates and money, several products per entry (priced, unpriced, discounted),
two counterparties on one entry, a soft-deleted entry and a second account under the same
names — everything a report must count or leave out.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Container, Entry, EntryType, Product
from storage.accounts import AccountRepository
from storage.entries import Provenance
from storage.repositories import LedgerRepository

TODAY = dt.date(2026, 12, 1)
FIRST = dt.date(2026, 10, 1)
NAMES = ("老李", "老王", "老赵", "张姐")
GOODS = ("绿萝", "千叶", "月季", "发财树")
KINDS = ("筐", "桶")
D = Decimal


def _money(rng: random.Random, low: int = 10, high: int = 3000) -> Decimal:
    return D(rng.randrange(low * 100, high * 100)) / 100


def _products(rng: random.Random, *, priced: bool = False) -> tuple[Product, ...]:
    names = rng.sample(GOODS, rng.choice((0, 1, 1, 1, 2, 3)))
    out = []
    for name in names:
        qty = D(rng.randrange(1, 300)) if priced or rng.random() < 0.85 else None
        price = D(rng.randrange(50, 2000)) / 100 if priced or rng.random() < 0.7 else None
        out.append(Product(name=name, quantity=qty, unit="盆", unit_price=price))
    return tuple(out)


def _amount(rng: random.Random, products: tuple[Product, ...]) -> Decimal:
    total = sum(
        (p.quantity * p.unit_price for p in products if p.quantity and p.unit_price), D(0)
    )
    if total and rng.random() < 0.3:
        return max(D(1), (total - rng.randrange(1, 20)).quantize(D("0.01")))  # 抹零
    return total.quantize(D("0.01")) if total and rng.random() < 0.8 else _money(rng)


def _crates(rng: random.Random) -> tuple[Container, ...]:
    return tuple(
        Container(name=k, quantity=D(rng.randrange(1, 15))) for k in rng.sample(KINDS, 1)
    )


def random_entry(rng: random.Random, *, priced: bool = False) -> Entry:
    kind = rng.choice(list(EntryType))
    day = FIRST + dt.timedelta(days=rng.randrange((TODAY - FIRST).days + 1))
    who = (rng.choice(NAMES),)
    if kind in (EntryType.INCOME, EntryType.EXPENSE, EntryType.CREDIT, EntryType.PAYABLE):
        products = _products(rng, priced=priced)
        amount = _amount(rng, products)
        users: tuple[str, ...] = who if kind in (EntryType.CREDIT, EntryType.PAYABLE) else (
            rng.choice(((), who, who, tuple(rng.sample(NAMES, 2))))
        )
        paid = None
        if kind in (EntryType.CREDIT, EntryType.PAYABLE):
            paid = rng.choice((D(0), D(0), (amount * D(rng.random())).quantize(D("0.01"))))
        crates = _crates(rng) if kind is EntryType.CREDIT and rng.random() < 0.3 else ()
        category = "运费" if kind is EntryType.EXPENSE and not products else None
        return Entry(type=kind, users=users, products=products, containers=crates,
                     amount=amount, paid=paid, category=category, date=day)
    if kind in (EntryType.BORROW, EntryType.RETURN):
        if rng.random() < 0.6:
            return Entry(type=kind, users=who, containers=_crates(rng), amount=None, date=day)
        return Entry(type=kind, users=who, amount=_money(rng, 50, 800), date=day)
    if kind is EntryType.LOSS:
        products = _products(rng, priced=priced)
        value = None if rng.random() < 0.2 else _amount(rng, products)  # 不知道: no value
        return Entry(type=kind, products=products, amount=value, date=day)
    if kind is EntryType.REFUND:
        products = _products(rng, priced=priced)[:1]
        users = rng.choice(((), who))
        return Entry(type=kind, users=users, products=products,
                     amount=_money(rng, 5, 200), date=day)
    return Entry(type=kind, users=who, amount=_money(rng, 50, 1500), date=day)  # settle, payoff


async def save(
    s: AsyncSession, entries: list[Entry], *, user: str = "alice", key: str = "k"
) -> int:
    """The entries saved to `user`'s account (created on first use); the account id."""
    account = await AccountRepository(s).resolve("console", user)
    ledger = LedgerRepository(s)
    for i, e in enumerate(entries):
        prov = Provenance(dedup_key=f"{user}-{key}-{i}", chat_key=f"console:{user}")
        await ledger.add(account, e, prov, actor="test")
    return account


async def generated(s: AsyncSession, seed: int, n: int = 200, *, priced: bool = False) -> int:
    """Random books for alice (plus a decoy account for bob); one of alice's entries is
    undone, so it must count nowhere."""
    rng = random.Random(seed)
    account = await save(s, [random_entry(rng, priced=priced) for _ in range(n)])
    await save(s, [random_entry(rng, priced=priced) for _ in range(n // 3)], user="bob")
    await LedgerRepository(s).undo_last(account, "console:alice", actor="test")
    await s.commit()
    return account
