"""`ledgerbot export`: a user's entries as JSON lines or CSV (stdout unless --out), or the
whole book as XLSX (--out, else under the data dir's exports/)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys

from bot.app import make_clock, resolve_servers
from bot.config import Config
from bot.files import exports_dir, save_new
from bot.settings import data_dir
from handlers.book import Book
from handlers.export import to_csv, to_jsonl
from handlers.workbook import read_book
from handlers.xlsx import to_xlsx
from storage import db
from storage.accounts import AccountRepository
from storage.reports import ReportRepository
from storage.repositories import LedgerRepository


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    today = make_clock(config, args.today)()
    with resolve_servers(config, redis=False) as urls:
        book = asyncio.run(_read_export(args, urls.postgres, today))
    content = {
        "csv": lambda: to_csv(book.entries),
        "jsonl": lambda: to_jsonl(book.entries).encode("utf-8"),
        "xlsx": lambda: to_xlsx(book),
    }[args.format]()
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(content)
        print(args.out)
    elif args.format == "xlsx":  # a workbook is no use on a terminal
        name = f"账本-{args.platform}-{_safe(args.user)}-{today.isoformat()}.xlsx"
        print(save_new(exports_dir(data_dir(config)), name, content))
    else:
        sys.stdout.buffer.write(content)
    return 0


async def _read_export(args: argparse.Namespace, pg_url: str, today: dt.date) -> Book:
    """The user's entries, and for xlsx the figures of the other sheets (aged to `today`)."""
    db.upgrade(pg_url)
    engine = db.make_engine(pg_url)
    try:
        async with db.make_sessions(engine).begin() as session:
            account = await AccountRepository(session).find(args.platform, args.user)
            if account is None:
                return Book(as_of=today)
            ledger = LedgerRepository(session)
            if args.format != "xlsx":
                return Book(as_of=today, entries=await ledger.active(account))
            return await read_book(ledger, ReportRepository(session), account, today)
    finally:
        await engine.dispose()


def _safe(name: str) -> str:
    """A platform user id as part of a filename."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:64] or "user"
