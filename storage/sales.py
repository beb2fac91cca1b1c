"""Sales per product for the 商品 sheet: the money each product brought in and how much
of it went out, by unit.

Money is the product's share of what was charged (storage/report_sql.share_lines, refunds
taken off); what no product can be given (entries without products, the unpriced lines of
a mixed entry) comes back as one last row with product None, so the rows add up to the
takings. Quantities are summed per unit (5000 盆 and 20 斤 are not 5020 of
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
    product: str | None  # None: the rest of the takings (其他)
    amount: Decimal
    count: int | None = None
    quantities: list[tuple[str, Decimal]] = Field(default_factory=list)  # (unit, quantity)


def sales_sql(f: Filters) -> tuple[str, dict[str, object]]:
    w, params = where(f, INCOME_SIGN)
    sql = f"""
WITH sh AS ({share_lines(INCOME_SIGN, w)}
), amt AS (
  SELECT product, SUM(share) AS amount, COUNT(DISTINCT id) AS n FROM sh GROUP BY product
), tot AS (
  SELECT COALESCE(SUM({sign_case(INCOME_SIGN)} * t.amount), 0) AS total
  FROM transactions t WHERE {w}
), qty AS (
  SELECT j->>'name' AS product, COALESCE(j->>'unit', '') AS unit,
         SUM({sign_case(INCOME_SIGN)} * (j->>'quantity')::numeric) AS q
  FROM transactions t, jsonb_array_elements(t.products) j
  WHERE {w} AND j->>'quantity' IS NOT NULL GROUP BY 1, 2
)
SELECT amt.product, amt.amount, amt.n,
       (SELECT COALESCE(jsonb_agg(jsonb_build_array(unit, q::text) ORDER BY unit), '[]')
        FROM qty WHERE qty.product = amt.product AND q <> 0) AS quantities, tot.total
FROM tot LEFT JOIN amt ON amt.product IS NOT NULL
ORDER BY amt.amount DESC, amt.product"""
    return sql, params


async def product_sales(s: AsyncSession, f: Filters) -> list[ProductSales]:
    sql, params = sales_sql(f)
    rows = (await s.execute(text(sql), params)).all()
    out = [
        ProductSales(product=p, amount=a, count=n, quantities=[(u, Decimal(q)) for u, q in qs])
        for p, a, n, qs, _ in rows
        if p is not None
    ]
    total = rows[0][-1]  # `tot` always gives its row
    rest = total - sum((x.amount for x in out), Decimal(0))
    return [*out, ProductSales(product=None, amount=rest)] if rest else out
