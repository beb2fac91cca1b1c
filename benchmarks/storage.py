"""Storage benchmark: 1,000,000 entries for 1,000 accounts, then the hot queries.

    python benchmarks/storage.py [--accounts 1000] [--per-account 1000] [--queries 300]

Targets (issue 2, books version 2): one-account month total, one-counterparty receivable
and payable balances, one-counterparty statement, one-account day list and the account's
counterparty names and aliases (read for every message that names someone), each with p99
under 20 ms. The books hold all ten entry types, part payments on credit and payable rows.
Uses DATABASE_URL's server (in a throwaway database) when set, else an embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks._support import bench_servers, p99, percentiles
from storage import db
from storage.counterparties import CounterpartyRepository
from storage.reports import Filters, ReportRepository

TARGET_MS = 20.0
TODAY = dt.date(2026, 6, 30)
NAMES_CASE = "names + aliases (one account)"
NAMES = ["老李", "老王", "张姐", "小刘", "马老板", "花店小王", "赵哥", "黄总", "阿强", "小美"]

# Server-side generation: a million rows in seconds, no client round trips.
FILL = """
INSERT INTO transactions (account_id, type, amount, paid, transaction_date, users, products,
                          containers, dedup_key, raw_text)
SELECT a.id,
       (ARRAY['income','income','income','expense','credit','settle','borrow','return',
              'payable','payoff','loss','refund'])[1 + (g % 12)],
       round((random() * 5000)::numeric, 2),
       CASE WHEN g % 12 IN (4, 8) THEN round((random() * 1000)::numeric, 2) END,
       DATE '2026-06-30' - (random() * 365)::int,
       -- a random counterparty, so each one has entries of every type
       ARRAY[(ARRAY['老李','老王','张姐','小刘','马老板','花店小王','赵哥','黄总','阿强','小美'])
         [1 + floor(random() * 10)::int]],
       jsonb_build_array(jsonb_build_object('name', (ARRAY['绿萝','千叶','红掌','月季'])
         [1 + (g % 4)], 'quantity', '100', 'unit', '盆', 'unit_price', '3')),
       CASE WHEN g % 12 IN (6, 7) THEN '[{"name": "筐", "quantity": "5"}]'::jsonb
            ELSE '[]'::jsonb END,
       'bench-' || g,
       'bench'
FROM accounts a, generate_series(1, :per_account) g
"""


async def run(url: str, accounts: int, per_account: int, queries: int) -> bool:
    # The bulk load may take longer than the product's per-statement limit.
    loader = db.make_engine(url, statement_timeout_ms=0)
    async with loader.begin() as conn:
        await conn.execute(
            text("INSERT INTO accounts (name) SELECT 'bench-' || g FROM generate_series(1, :n) g"),
            {"n": accounts},
        )
    t0 = time.perf_counter()
    async with loader.begin() as conn:
        await conn.execute(text(FILL), {"per_account": per_account})
    async with loader.begin() as conn:
        await conn.execute(text("ANALYZE transactions"))
    await loader.dispose()
    engine = db.make_engine(url)
    sessions = db.make_sessions(engine)
    total = accounts * per_account
    print(
        f"inserted {total:,} entries for {accounts:,} accounts in {time.perf_counter() - t0:.1f} s"
    )

    rng = random.Random(7)
    ids = await _ids(sessions)
    cases: dict[str, Callable[[int], Filters]] = {
        "month total (income, one account)": lambda a: Filters(
            account_id=a, start=TODAY.replace(day=1), end=TODAY
        ),
        "receivable (one counterparty)": lambda a: Filters(
            account_id=a, end=TODAY, users=[rng.choice(NAMES)]
        ),
        "payable (one counterparty)": lambda a: Filters(
            account_id=a, end=TODAY, users=[rng.choice(NAMES)]
        ),
        "payable (all counterparties)": lambda a: Filters(account_id=a, end=TODAY),
        "statement (one counterparty)": lambda a: Filters(
            account_id=a, end=TODAY, users=[rng.choice(NAMES)]
        ),
        "day list (one account)": lambda a: Filters(
            account_id=a, start=TODAY - dt.timedelta(days=rng.randrange(30)), end=TODAY
        ),
        NAMES_CASE: lambda a: Filters(account_id=a),
    }
    metrics = {
        "month total (income, one account)": "income",
        "receivable (one counterparty)": "receivable",
        "payable (one counterparty)": "payable",
        "payable (all counterparties)": "payable",
        "statement (one counterparty)": "statement",
        "day list (one account)": "list",
        NAMES_CASE: "names",
    }
    ok = True
    for name, make in cases.items():
        samples: list[float] = []
        for i in range(queries + 20):
            f = make(rng.choice(ids))
            if metrics[name] == "list":
                f = f.model_copy(update={"end": f.start})
            async with sessions() as s:
                t = time.perf_counter()
                if metrics[name] == "names":
                    await _names(s, f.account_id)
                else:
                    await ReportRepository(s).summarise(metrics[name], f)
                elapsed = (time.perf_counter() - t) * 1000
            if i >= 20:  # warm-up excluded
                samples.append(elapsed)
        passed = p99(samples) < TARGET_MS
        ok &= passed
        print(f"{name:<36} {percentiles(samples)}  {'OK' if passed else 'OVER'} (<{TARGET_MS} ms)")
    await engine.dispose()
    return ok


async def _names(s: AsyncSession, account_id: int) -> None:
    """What reading a said name needs: the account's counterparties and learned aliases."""
    people = CounterpartyRepository(s)
    await people.names(account_id)
    await people.aliases(account_id)


async def _ids(sessions: async_sessionmaker[AsyncSession]) -> list[int]:
    async with sessions() as s:
        return [i for (i,) in await s.execute(text("SELECT id FROM accounts"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--per-account", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=300)
    args = ap.parse_args()
    with bench_servers(redis=False) as (url, _):
        ok = asyncio.run(run(url, args.accounts, args.per_account, args.queries))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
