"""Reads what the XLSX export shows, for chat (/export) and `ledgerbot export` alike."""

from __future__ import annotations

import datetime as dt

from handlers.book import Book
from storage.reports import Filters, ReportRepository
from storage.repositories import LedgerRepository


async def read_book(
    ledger: LedgerRepository, reports: ReportRepository, account_id: int, as_of: dt.date
) -> Book:
    """Everything up to `as_of`, balances aged to it. Entries dated later still appear in
    账目 (it is the whole book), but not in the balances of `as_of`."""
    figures = await reports.book_figures(Filters(account_id=account_id, end=as_of), as_of)
    return Book(
        as_of=as_of,
        entries=await ledger.active(account_id),
        receivable=figures.receivable,
        payable=figures.payable,
        containers=figures.containers,
        sales=figures.sales,
    )
