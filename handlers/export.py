"""Entries as JSON lines or as a CSV that Excel opens correctly with Chinese text."""

from __future__ import annotations

import csv
import io
import json

from storage.entries import SavedEntry

CSV_COLUMNS = (
    "id",
    "date",
    "type",
    "users",
    "products",
    "containers",
    "amount",
    "remark",
    "source",
)


def to_jsonl(entries: list[SavedEntry]) -> str:
    return "".join(json.dumps(e.to_export(), ensure_ascii=False) + "\n" for e in entries)


def to_csv(entries: list[SavedEntry]) -> bytes:
    """UTF-8 with BOM: without it Excel reads Chinese as mojibake."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        row = e.to_export()
        writer.writerow(
            [
                row["id"],
                row["date"],
                row["type"],
                "、".join(row["users"]),
                "；".join(_product(p) for p in row["products"]),
                "；".join(f"{c['name']}×{c['quantity']}" for c in row["containers"]),
                "" if row["amount"] is None else row["amount"],
                row["remark"] or "",
                row["source"],
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _product(p: dict[str, object]) -> str:
    qty = "" if p["quantity"] is None else f"{p['quantity']}{p['unit'] or ''}"
    price = "" if p["unit_price"] is None else f"@{p['unit_price']}"
    return f"{p['name']}{qty}{price}"
