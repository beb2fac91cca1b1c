"""The books' vocabulary: entry types, one frozen `Entry`, the money rules.

The bottom of the project: every layer may import it, it imports none of them
(tests/unit/test_boundaries.py keeps it so). Field names and meanings follow
../shared/eval/GUIDE.md (version 2).
"""

from ledger.entry import Container, Entry, Product
from ledger.money import CENT, cents, derived_unit_price, priced_total, to_number
from ledger.vocabulary import (
    EXPENSE_SIGN,
    INCOME_SIGN,
    MONEY_TYPES,
    PAID_TYPES,
    PARTY_TYPES,
    PAYABLE_SIGN,
    RECEIVABLE_SIGN,
    EntryType,
    Metric,
    MissingField,
    may_save_without,
    missing_fields,
)

__all__ = [
    "CENT",
    "EXPENSE_SIGN",
    "INCOME_SIGN",
    "MONEY_TYPES",
    "PAID_TYPES",
    "PARTY_TYPES",
    "PAYABLE_SIGN",
    "RECEIVABLE_SIGN",
    "Container",
    "Entry",
    "EntryType",
    "Metric",
    "MissingField",
    "Product",
    "cents",
    "derived_unit_price",
    "may_save_without",
    "missing_fields",
    "priced_total",
    "to_number",
]
