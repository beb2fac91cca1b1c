"""Round trip of a record message and its 对 through the real Dispatcher, then an edit of an
older entry (把12月1号老周那笔改成… → its card, 对 → changed) with 1M entries in the books.

    python benchmarks/dialogue.py [--rounds 300] [--entries 1000000] [--accounts 1000]

Targets (issues 4 and 13): p99 < 50 ms per message with the rules extractor, for record →
card, 对 → saved, and both messages of an edit at 1M entries; on the embedded stack (set
DATABASE_URL / REDIS_URL to measure against servers instead).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from benchmarks._support import bench_servers, p99, percentiles
from benchmarks.storage import FILL
from bot.app import Runtime, runtime
from bot.config import load_config
from bot.console import console_message
from storage import db

TARGET_MS = 50.0
MESSAGES = [
    "卖给老李5000盆千叶，一共10000元",
    "从老张那进了300盆月季每盆1块5",
    "老王赊了100盆发财树，每盆12块",
    "老李拿走了20个筐",
    "付了运费150",
]


async def run(pg: str, redis: str, rounds: int, entries: int, accounts: int) -> bool:
    env = {
        **os.environ,
        "DATABASE_URL": pg,
        "REDIS_URL": redis,
        "LEDGERBOT_STORAGE__REDIS_PREFIX": f"bench-{time.time_ns()}",
        "LEDGERBOT_DIALOGUE__RATE_LIMIT_PER_MINUTE": "1000000",
    }
    async with runtime(load_config(env=env), today=dt.date(2026, 3, 15)) as rt:
        record_ms: list[float] = []
        confirm_ms: list[float] = []
        for i in range(rounds + 20):
            user = f"u{i % 50}"
            t0 = time.perf_counter()
            await rt.dispatcher.handle(console_message(user, MESSAGES[i % len(MESSAGES)]))
            t1 = time.perf_counter()
            replies = await rt.dispatcher.handle(console_message(user, "对"))
            t2 = time.perf_counter()
            assert "已保存" in replies[0].text, replies
            if i >= 20:
                record_ms.append((t1 - t0) * 1000)
                confirm_ms.append((t2 - t1) * 1000)
        print(f"record message  {percentiles(record_ms)}")
        print(f"confirm (对)    {percentiles(confirm_ms)}")
        edit_ms, applied_ms = await _edits(rt, pg, rounds, entries, accounts)
    print(f"edit older entry → card  {percentiles(edit_ms)}")
    print(f"对 → entry changed       {percentiles(applied_ms)}")
    worst = max(p99(record_ms), p99(confirm_ms), p99(edit_ms), p99(applied_ms))
    verdict = "OK" if worst < TARGET_MS else "OVER"
    print(f"p99 per message {worst:.2f} ms  {verdict} (<{TARGET_MS} ms)")
    return worst < TARGET_MS


async def _edits(
    rt: Runtime, pg: str, rounds: int, entries: int, accounts: int
) -> tuple[list[float], list[float]]:
    """The same entry, saved months ago, changed again and again among `entries` others."""
    handle = rt.dispatcher.handle
    await handle(console_message("editor", "12月1号卖给老周100盆绿萝一共300"))
    assert "已保存" in (await handle(console_message("editor", "对")))[0].text
    await _fill(pg, entries, accounts)
    edit_ms: list[float] = []
    applied_ms: list[float] = []
    for i in range(rounds + 20):
        t0 = time.perf_counter()
        card = await handle(console_message("editor", f"把12月1号老周那笔改成{400 + i}"))
        t1 = time.perf_counter()
        done = await handle(console_message("editor", "对"))
        t2 = time.perf_counter()
        assert card[0].kind == "card" and "已修改" in done[0].text, (card, done)
        if i >= 20:
            edit_ms.append((t1 - t0) * 1000)
            applied_ms.append((t2 - t1) * 1000)
    return edit_ms, applied_ms


async def _fill(pg: str, entries: int, accounts: int) -> None:
    """`entries` rows spread over the accounts (the editor's among them), server-side."""
    loader = db.make_engine(pg, statement_timeout_ms=0)
    t0 = time.perf_counter()
    async with loader.begin() as conn:
        have = (await conn.execute(text("SELECT count(*) FROM accounts"))).scalar_one()
        await conn.execute(
            text("INSERT INTO accounts (name) SELECT 'bench-' || g FROM generate_series(1, :n) g"),
            {"n": max(accounts - have, 0)},
        )
        n = (await conn.execute(text("SELECT count(*) FROM accounts"))).scalar_one()
        await conn.execute(text(FILL), {"per_account": max(entries // n, 1)})
    async with loader.begin() as conn:
        await conn.execute(text("ANALYZE transactions"))
        total = (await conn.execute(text("SELECT count(*) FROM transactions"))).scalar_one()
    await loader.dispose()
    print(f"books: {total:,} entries in {n:,} accounts ({time.perf_counter() - t0:.1f} s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=1000)
    args = ap.parse_args()
    with bench_servers() as (pg, redis):
        ok = asyncio.run(run(pg, redis, args.rounds, args.entries, args.accounts))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
