"""What the exported workbook holds, apart from how it is written.

Kept apart from handlers/xlsx.py so that reading the books and naming the file cost no
openpyxl (and its numpy) in a webhook worker that never exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from storage.ageing import Aged
from storage.entries import SavedEntry
from storage.sales import ProductSales

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ("账目", "应收", "应付", "周转筐", "商品")


@dataclass
class Book:
    """What the workbook shows, read from storage by handlers/workbook.py."""

    as_of: dt.date
    entries: list[SavedEntry] = field(default_factory=list)
    receivable: list[Aged] = field(default_factory=list)
    payable: list[Aged] = field(default_factory=list)
    containers: list[tuple[str, str, Decimal, int]] = field(default_factory=list)
    sales: list[ProductSales] = field(default_factory=list)
