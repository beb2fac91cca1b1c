"""Money per day (or per month) of one account and period: what a chart of daily takings
draws. Days with nothing recorded are not returned; the caller knows the calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.report_sql import Filters, Signs, sign_case, where

Step = Literal["day", "month"]


async def money_by(
    session: AsyncSession, signs: Signs, f: Filters, step: Step
) -> list[tuple[dt.date, Decimal]]:
    """(first day of the step, signed sum) in date order, for steps that have entries.
    Entries without an amount (losses not valued) count nothing."""
    w, params = where(f, signs)
    bucket = "t.transaction_date" if step == "day" else "date_trunc('month', t.transaction_date)"
    sql = (
        f"SELECT CAST({bucket} AS date), COALESCE(SUM({sign_case(signs)} * t.amount), 0)"
        f" FROM transactions t WHERE {w} GROUP BY 1 ORDER BY 1"
    )
    return [(day, total) for day, total in await session.execute(text(sql), params)]
