"""The figures a whole-book export shows besides the entries, read together: balances by
age each way (storage/ageing.py), containers out and sales per product."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from storage import ageing, balances, sales
from storage.ageing import Aged
from storage.report_sql import Filters
from storage.sales import ProductSales


class BookFigures(BaseModel):
    receivable: list[Aged]
    payable: list[Aged]
    containers: list[tuple[str, str, Decimal, int]]  # (who, kind, out, entries)
    sales: list[ProductSales]


async def read(s: AsyncSession, f: Filters, as_of: dt.date) -> BookFigures:
    return BookFigures(
        receivable=await ageing.aged(s, "receivable", f, as_of),
        payable=await ageing.aged(s, "payable", f, as_of),
        containers=await balances.containers(s, f),
        sales=await sales.product_sales(s, f),
    )
