"""Sales per product for the 商品 sheet: the money each product brought in and how much
of it went out, by unit.

Money is the product's share of what was charged (storage/report_sql.share_lines, so the
rows add up to the takings, refunds taken off); entries without products come back as one
row with product None. Quantities are summed per unit (5000 盆 and 20 斤 are not 5020 of
anything), refunds taken off the same way.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import INCOME_SIGN
from storage.report_sql import Filters, share_lines, sign_case, where


class ProductSales(BaseModel):
    product: str | None
    amount: Decimal
    count: int
    quantities: list[tuple[str, Decimal]] = Field(default_factory=list)  # (unit, quantity)


def sales_sql(f: Filters) -> tuple[str, dict[str, object]]:
    w, params = where(f, INCOME_SIGN)
    sql = f"""
WITH sh AS ({share_lines(INCOME_SIGN, w)}
), amt AS (
  SELECT product, SUM(share) AS amount, COUNT(DISTINCT id) AS n FROM sh GROUP BY product
), qty AS (
  SELECT j->>'name' AS product, COALESCE(j->>'unit', '') AS unit,
         SUM({sign_case(INCOME_SIGN)} * (j->>'quantity')::numeric) AS q
  FROM transactions t, jsonb_array_elements(t.products) j
  WHERE {w} AND j->>'quantity' IS NOT NULL GROUP BY 1, 2
)
SELECT amt.product, amt.amount, amt.n,
       (SELECT COALESCE(jsonb_agg(jsonb_build_array(unit, q::text) ORDER BY unit), '[]')
        FROM qty WHERE qty.product = amt.product AND q <> 0) AS quantities
FROM amt ORDER BY amt.product IS NULL, amt.amount DESC, amt.product"""
    return sql, params


async def product_sales(s: AsyncSession, f: Filters) -> list[ProductSales]:
    sql, params = sales_sql(f)
    return [
        ProductSales(
            product=p, amount=a, count=n, quantities=[(u, Decimal(q)) for u, q in qs]
        )
        for p, a, n, qs in await s.execute(text(sql), params)
    ]
