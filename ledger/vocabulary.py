"""Entry types, what each one needs before it may be saved, and which way it moves a balance."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class EntryType(StrEnum):
    INCOME = "income"  # I sold and was paid, or other money in
    EXPENSE = "expense"  # I bought or paid
    CREDIT = "credit"  # I sold on credit: the counterparty owes me
    SETTLE = "settle"  # a counterparty pays off what they owe me
    BORROW = "borrow"  # a counterparty takes my containers (or money)
    RETURN = "return"  # a counterparty gives containers (or money) back
    PAYABLE = "payable"  # I bought on credit: I owe the counterparty
    PAYOFF = "payoff"  # I pay off what I owe
    LOSS = "loss"  # goods spoiled, died, broke, were stolen
    REFUND = "refund"  # I give money back to a customer


# Money is the point of these entries: without an amount they cannot be saved.
MONEY_TYPES = frozenset(
    {
        EntryType.INCOME,
        EntryType.EXPENSE,
        EntryType.CREDIT,
        EntryType.SETTLE,
        EntryType.PAYABLE,
        EntryType.PAYOFF,
        EntryType.LOSS,
        EntryType.REFUND,
    }
)
# A debt or a loan needs to know who is on the other side.
PARTY_TYPES = frozenset(
    {
        EntryType.CREDIT,
        EntryType.SETTLE,
        EntryType.BORROW,
        EntryType.RETURN,
        EntryType.PAYABLE,
        EntryType.PAYOFF,
    }
)
# Only a sale or purchase on credit records what was paid at the time.
PAID_TYPES = frozenset({EntryType.CREDIT, EntryType.PAYABLE})

# Balance directions (GUIDE "Queries"). A credit or payable counts its amount less `paid`;
# a borrow/return counts only money (containers are balanced by count, not here).
RECEIVABLE_SIGN = {
    EntryType.CREDIT: 1,
    EntryType.BORROW: 1,
    EntryType.SETTLE: -1,
    EntryType.RETURN: -1,
}
PAYABLE_SIGN = {EntryType.PAYABLE: 1, EntryType.PAYOFF: -1}
# Takings count credit sales (the goods went out at that price) and lose refunds; losses
# move no money, so they are in neither.
INCOME_SIGN = {EntryType.INCOME: 1, EntryType.CREDIT: 1, EntryType.REFUND: -1}
EXPENSE_SIGN = {EntryType.EXPENSE: 1, EntryType.PAYABLE: 1}

MissingField = Literal["amount", "paid", "users"]
Metric = Literal[
    "income",
    "expense",
    "net",
    "receivable",
    "payable",
    "containers",
    "loss",
    "count",
    "list",
    "statement",
    "top_products",
    "top_customers",
]


def missing_fields(
    entry_type: EntryType,
    *,
    amount_known: bool,
    paid_known: bool,
    has_containers: bool,
    has_users: bool,
) -> list[MissingField]:
    """The GUIDE's rule for what must be asked before saving, sorted: `amount` when money
    is the point of the entry, or a borrow/return moves neither containers nor money;
    `users` when a debt or loan has no counterparty; `paid` when a credit or payable says
    something was paid but not how much."""
    missing: list[MissingField] = []
    moves_nothing = entry_type in (EntryType.BORROW, EntryType.RETURN) and not has_containers
    if not amount_known and (entry_type in MONEY_TYPES or moves_nothing):
        missing.append("amount")
    if entry_type in PAID_TYPES and not paid_known:
        missing.append("paid")
    if entry_type in PARTY_TYPES and not has_users:
        missing.append("users")
    return missing


def may_save_without(entry_type: EntryType, field: MissingField) -> bool:
    """GUIDE: a loss the vendor cannot value (不知道) is saved without an amount; every
    other field that must be asked stays required."""
    return entry_type is EntryType.LOSS and field == "amount"
