"""Round trip of a record message and its 对 through the real Dispatcher.

    python benchmarks/dialogue.py [--rounds 300]

Target (issue 4): p99 < 50 ms per message with the rules extractor, on the embedded stack
(set DATABASE_URL / REDIS_URL to measure against servers instead).
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

from benchmarks._support import bench_servers, p99, percentiles
from bot.app import runtime
from bot.config import load_config
from bot.console import console_message

TARGET_MS = 50.0
MESSAGES = [
    "卖给老李5000盆千叶，一共10000元",
    "从老张那进了300盆月季每盆1块5",
    "老王赊了100盆发财树，每盆12块",
    "老李拿走了20个筐",
    "付了运费150",
]


async def run(pg: str, redis: str, rounds: int) -> bool:
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
    worst = max(p99(record_ms), p99(confirm_ms))
    verdict = "OK" if worst < TARGET_MS else "OVER"
    print(f"p99 per message {worst:.2f} ms  {verdict} (<{TARGET_MS} ms)")
    return worst < TARGET_MS


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    with bench_servers() as (pg, redis):
        return 0 if asyncio.run(run(pg, redis, args.rounds)) else 1


if __name__ == "__main__":
    sys.exit(main())
