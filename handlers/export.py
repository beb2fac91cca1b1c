"""Entries as JSON lines or as a CSV that Excel opens correctly with Chinese text, and the
one flattening of an entry into cells that the CSV and the XLSX share.

Spreadsheets run a cell that starts with = + - @ (or a tab, CR or LF) as a formula, so a
counterparty called `=HYPERLINK(...)` would become a live link in the vendor's Excel
(../shared/docs/INTEGRATION.md part 6, OWASP "CSV Injection"). Every text cell goes
through `safe_text`, which puts a single quote in front; numbers and dates are never
touched, so -5 stays a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from storage.entries import SavedEntry

# GUIDE field names, as in `SavedEntry.to_export`.
COLUMNS = (
    "id",
    "date",
    "type",
    "users",
    "products",
    "containers",
    "amount",
    "paid",
    "category",
    "remark",
    "source",
)
CSV_COLUMNS = COLUMNS  # kept: the name others import
MONEY_COLUMNS = frozenset({"amount", "paid"})
# Full-width signs too: WPS, common with our vendors, reads ＝ as = when a cell is typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "＝", "＋", "－", "＠")

Cell = str | int | float | Decimal | dt.date | None


def safe_text(value: str) -> str:
    """Text that no spreadsheet will run: a leading formula character gets a quote, also
    behind spaces (a spreadsheet trims them before it looks)."""
    return "'" + value if value.lstrip(" \u3000").startswith(FORMULA_STARTS) else value


def entry_cells(e: SavedEntry) -> list[Cell]:
    """One entry as COLUMNS: numbers as numbers, the date as a date, text made safe."""
    row = e.to_export()
    cells: dict[str, Cell] = {
        "id": row["id"],
        "date": dt.date.fromisoformat(row["date"]),
        "type": row["type"],
        "users": "、".join(row["users"]),
        "products": "；".join(_product(p) for p in row["products"]),
        "containers": "；".join(f"{c['name']}×{_n(c['quantity'])}" for c in row["containers"]),
        "amount": row["amount"],
        "paid": row.get("paid"),
        "category": row["category"],
        "remark": row["remark"],
        "source": row["source"],
    }
    return [safe_text(v) if isinstance(v, str) else v for v in (cells[c] for c in COLUMNS)]


def to_jsonl(entries: list[SavedEntry]) -> str:
    return "".join(json.dumps(e.to_export(), ensure_ascii=False) + "\n" for e in entries)


def csv_text(entries: list[SavedEntry], *, quote_all: bool = True) -> str:
    """Every field quoted for a file (a `;` inside a field cannot start a new cell in a
    locale whose separator it is); minimal quoting reads better as chat text."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow(
            [v.isoformat() if isinstance(v, dt.date) else "" if v is None else v
             for v in entry_cells(e)]
        )
    return buf.getvalue()


def to_csv(entries: list[SavedEntry]) -> bytes:
    """UTF-8 with BOM: without it Excel reads Chinese as mojibake."""
    return ("\ufeff" + csv_text(entries)).encode("utf-8")


def _n(value: Any) -> str:
    return "" if value is None else str(value)


def _product(p: dict[str, Any]) -> str:
    qty = "" if p["quantity"] is None else f"{p['quantity']}{p['unit'] or ''}"
    price = "" if p["unit_price"] is None else f"@{p['unit_price']}"
    return f"{p['name']}{qty}{price}"
