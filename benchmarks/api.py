"""REST API benchmark: 1,000,000 entries (1,000 phone accounts × 1,000), one `ledgerbot
serve` process, then timed HTTP requests from this process.

    python benchmarks/api.py [--accounts 1000] [--per-account 1000] [--requests 300]

Targets (issue 15): p99 < 50 ms for GET /api/v1/transactions (a page of 20, filtered by
date range and type) and for POST /api/v1/transactions, measured end to end over HTTP
(uvicorn, routing, JWT check in Redis, SQL). Each request uses a random account's token.
Uses DATABASE_URL / REDIS_URL when set (a throwaway database), else embedded servers.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from redis.asyncio import Redis
from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._support import bench_servers, free_port, p99, percentiles, wait_healthy  # noqa: E402  # noqa: E402
from benchmarks.api_fuzz import start_server  # noqa: E402
from benchmarks.storage import FILL  # noqa: E402
from bot.api.tokens import TokenService  # noqa: E402
from ledger import EntryType  # noqa: E402
from storage import db  # noqa: E402
from storage.repositories import EntryFilter, LedgerRepository  # noqa: E402

TARGET_MS = 50.0
WARM_UP = 20
SECRET = "fuzz-" + "k" * 40  # what api_fuzz.start_server gives the server
PHONES = """
INSERT INTO identities (account_id, platform, platform_user_id)
SELECT id, 'phone', (13000000000 + id)::text FROM accounts
"""


async def fill(url: str, accounts: int, per_account: int) -> list[int]:
    loader = db.make_engine(url, statement_timeout_ms=0)
    t0 = time.perf_counter()
    async with loader.begin() as conn:
        await conn.execute(
            text("INSERT INTO accounts (name) SELECT 'bench-' || g FROM generate_series(1, :n) g"),
            {"n": accounts})
        await conn.execute(text(PHONES))
        await conn.execute(text(FILL), {"per_account": per_account})
        await conn.execute(text("ANALYZE"))
        ids = [i for (i,) in await conn.execute(text("SELECT id FROM accounts"))]
    await loader.dispose()
    print(f"inserted {accounts * per_account:,} entries for {accounts:,} phone accounts "
          f"in {time.perf_counter() - t0:.1f} s")
    return ids


async def sql_share(url: str, ids: list[int], requests: int) -> None:
    """The list's SQL alone (the repository call the endpoint makes), so an end-to-end
    figure over target can be told apart: slow queries, or a busy machine."""
    engine = db.make_engine(url)
    sessions = db.make_sessions(engine)
    rng = random.Random(16)
    samples: list[float] = []
    for i in range(requests + WARM_UP):
        end = dt.date(2026, 6, 30) - dt.timedelta(days=rng.randrange(300))
        where = EntryFilter(start=end - dt.timedelta(days=60), end=end,
                            type=rng.choice([EntryType.INCOME, EntryType.EXPENSE]))
        async with sessions() as session:
            t = time.perf_counter()
            await LedgerRepository(session).search(rng.choice(ids), where, offset=0, limit=20)
            elapsed = (time.perf_counter() - t) * 1000
        if i >= WARM_UP:
            samples.append(elapsed)
    await engine.dispose()
    print(f"{'  of which SQL (count + page of 20)':<42} {percentiles(samples)}")


async def measure(base: str, redis_url: str, ids: list[int], requests: int) -> bool:
    redis = Redis.from_url(redis_url)
    tokens = TokenService(redis, secret=SECRET.encode(), ttl=3600, issuer="ledgerbot",
                          prefix="unused")
    rng = random.Random(15)

    def auth(account_id: int) -> dict[str, str]:
        token = tokens.issue(account_id, str(13000000000 + account_id))
        return {"Authorization": f"Bearer {token}"}

    def listing(account_id: int) -> httpx.Request:
        end = dt.date(2026, 6, 30) - dt.timedelta(days=rng.randrange(300))
        params: dict[str, str | int] = {
            "page": 1, "pageSize": 20, "type": rng.choice(["income", "expense", "credit"]),
            "startDate": (end - dt.timedelta(days=60)).isoformat(), "endDate": end.isoformat(),
        }
        return client.build_request("GET", "/api/v1/transactions", params=params,
                                    headers=auth(account_id))

    def creating(account_id: int) -> httpx.Request:
        body = {"type": "credit", "amount": rng.randrange(100, 5000), "paid": 0,
                "users": [rng.choice(["老李", "老王", "张姐"])],
                "products": [{"name": "白菜", "quantity": 100, "unit": "斤"}],
                "transaction_date": "2026-06-30"}
        headers = {**auth(account_id), "Idempotency-Key": uuid.uuid4().hex}
        return client.build_request("POST", "/api/v1/transactions", json=body, headers=headers)

    ok = True
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for name, make, status in (
            ("GET /api/v1/transactions (20, date+type)", listing, 200),
            ("POST /api/v1/transactions", creating, 201),
        ):
            samples: list[float] = []
            for i in range(requests + WARM_UP):
                request = make(rng.choice(ids))
                t = time.perf_counter()
                response = await client.send(request)
                elapsed = (time.perf_counter() - t) * 1000
                if response.status_code != status:
                    raise SystemExit(f"{name}: {response.status_code} {response.text[:300]}")
                if i >= WARM_UP:
                    samples.append(elapsed)
            passed = p99(samples) < TARGET_MS
            ok &= passed
            print(f"{name:<42} {percentiles(samples)}  "
                  f"{'OK' if passed else 'OVER'} (<{TARGET_MS:.0f} ms)")
    await redis.aclose()
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--per-account", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=300)
    args = ap.parse_args()
    with bench_servers() as (pg_url, redis_url), tempfile.TemporaryDirectory() as tmp:
        ids = asyncio.run(fill(pg_url, args.accounts, args.per_account))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(pg_url, redis_url, Path(tmp), port)
        try:
            asyncio.run(wait_healthy(base, proc))
            load = os.getloadavg()[0]
            ok = asyncio.run(measure(base, redis_url, ids, args.requests))
            asyncio.run(sql_share(pg_url, ids, args.requests))
            print(f"load average {load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
                  "(other processes share them)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
