"""Load test of the WeChat webhook: `ledgerbot serve` on 127.0.0.1 (real uvicorn), driven
by N concurrent WeChat "users" for a fixed time, then the saved entries are counted in
PostgreSQL.

Each sender records a sale ("卖给老李…") and confirms it ("对"), pausing `--think`
seconds between messages like a person would; a fraction of messages (`--dup-rate`) is
delivered a second time with the same MsgId, as WeChat does when it retries. Every
confirmation answered "已保存" must be exactly one row in PostgreSQL: none lost, none
duplicated.

    python benchmarks/wechat_webhook.py [--duration 30] [--concurrency 200] [--think 5.0]

Uses DATABASE_URL / REDIS_URL when set (a throwaway database is created and dropped),
else embedded servers in a temporary directory. The dialogue's per-user rate limit is
raised for the run: a benchmark sender is faster than the 30 messages/minute a real
vendor is allowed.
Exit status 1 when p99 >= --p99-limit-ms or any entry is lost or duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._support import bench_servers, free_port, wait_healthy  # noqa: E402
from storage import db  # noqa: E402

TOKEN = "bench-token"
TODAY = "2026-03-15"
ANSWER_TIMEOUT = 5.0  # WeChat's own patience
WARMUP_AMOUNT = 2
CONTENT = re.compile(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", re.S)


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    saved: set[tuple[str, int]] = field(default_factory=set)  # (openid, amount) answered 已保存
    redeliveries: int = 0
    unexpected: list[str] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def sign(ts: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([TOKEN, ts, nonce])).encode()).hexdigest()


def message_xml(openid: str, content: str, msg_id: int) -> str:
    return (f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>")


class Connection:
    """One keep-alive HTTP/1.1 connection, written by hand: httpx costs several ms of CPU
    per request, and on a small machine the load generator would then starve the server
    it measures (WeChat's servers are not on our box)."""

    IDLE_LIMIT = 4.0  # uvicorn closes idle connections after 5 s

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.last_used = 0.0

    async def post(self, target: str, body: bytes) -> tuple[int, str]:
        if self.streams is not None and time.monotonic() - self.last_used > self.IDLE_LIMIT:
            await self.close()
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"POST {target} HTTP/1.1\r\nHost: {self.host}\r\n"
                     f"Content-Type: text/xml\r\nContent-Length: {len(body)}\r\n\r\n"
                     .encode() + body)
        try:
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
            data = await reader.readexactly(int(headers.get("content-length", "0")))
        except BaseException:
            await self.close()  # a half-read response must not poison the next request
            raise
        if headers.get("connection") == "close":
            await self.close()
        self.last_used = time.monotonic()
        return int(lines[0].split()[1]), data.decode("utf-8")

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


class Sender:
    def __init__(self, host: str, port: int, stats: Stats, args: argparse.Namespace,
                 index: int, ids: Iterator[int]) -> None:
        self.conn = Connection(host, port)
        self.stats, self.args = stats, args
        self.openid = f"bench-{index:04d}"
        self.ids = ids
        self.rng = random.Random(index)

    async def post(self, content: str) -> str | None:
        xml = message_xml(self.openid, content, next(self.ids))
        reply = await self._deliver(xml)
        if self.rng.random() < self.args.dup_rate:
            self.stats.redeliveries += 1
            again = await self._deliver(xml)  # WeChat retrying: same MsgId, same answer
            if again != reply:
                self.stats.unexpected.append(f"redelivery answered differently: {again!r}")
        return reply

    async def _deliver(self, xml: str) -> str | None:
        ts, nonce = str(int(time.time())), uuid.uuid4().hex[:8]
        target = f"/wechat?signature={sign(ts, nonce)}&timestamp={ts}&nonce={nonce}"
        started = time.perf_counter()
        try:
            async with asyncio.timeout(ANSWER_TIMEOUT):
                status, body = await self.conn.post(target, xml.encode())
        except TimeoutError:
            self.stats.error("timeout")
            return None
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            self.stats.error(type(exc).__name__)
            return None
        self.stats.latencies.append(time.perf_counter() - started)
        if status != 200:
            self.stats.error(f"http {status}")
            return None
        found = CONTENT.search(body)
        return found.group(1) if found else body

    async def run(self, deadline: float) -> None:
        await asyncio.sleep(self.rng.random() * self.args.think)  # spread the start
        qty = 0
        while time.monotonic() < deadline:
            qty += 1  # unique per sender, so every saved row can be matched to its message
            card = await self.post(f"卖给老李{qty}盆千叶，一共{qty * 2}元")
            if card is None or "请确认" not in card:
                self.stats.unexpected.append(f"no card: {card!r}"[:200])
                continue
            await asyncio.sleep(self.args.think)
            # Always confirm a card we got, even past the deadline: no draft left dangling.
            done = await self.post("对")
            if done is not None and "已保存" in done:
                self.stats.saved.add((self.openid, qty * 2))
            else:
                self.stats.unexpected.append(f"not saved: {done!r}"[:200])
            await asyncio.sleep(self.args.think)




def start_server(pg_url: str, redis_url: str, work: Path, port: int,
                 workers: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERBOT_")}
    env.update(DATABASE_URL=pg_url, REDIS_URL=redis_url, LEDGERBOT_DATA_DIR=str(work),
               LEDGERBOT_STORAGE__REDIS_PREFIX=f"bench-{uuid.uuid4().hex[:8]}",
               LEDGERBOT_WECHAT__TOKEN=TOKEN, LEDGERBOT_WECHAT__APP_ID="wxbench",
               LEDGERBOT_WECHAT__MODE="plaintext",
               LEDGERBOT_DIALOGUE__RATE_LIMIT_PER_MINUTE="100000",
               LEDGERBOT_STORAGE__POOL_SIZE="20",
               LEDGERBOT_APP__ENV="development")  # no JWT secret or SMS account here
    ledgerbot = Path(sys.executable).parent / "ledgerbot"
    # Log lines at the production level (one per message) cost CPU too: they are counted,
    # and kept out of the benchmark's own output.
    log = (work / "serve.log").open("wb")
    return subprocess.Popen([str(ledgerbot), "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--today", TODAY, "--workers", str(workers)],
                            env=env, stderr=log)




def saved_rows(pg_url: str) -> dict[tuple[str, int], int]:
    """(openid, amount) -> how many active rows PostgreSQL holds for it."""
    engine = db.make_sync_engine(pg_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT i.platform_user_id, t.amount, count(t.id) FROM identities i "
                "JOIN transactions t ON t.account_id = i.account_id AND t.status = 'active' "
                "WHERE i.platform = 'wechat' GROUP BY i.platform_user_id, t.amount"))
            return {(str(user), int(amount)): int(n) for user, amount, n in rows}
    finally:
        engine.dispose()


def process_cpu_seconds(pid: int) -> float:
    """User+system CPU of the server and its worker processes (`serve --workers`)."""
    import psutil

    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for proc in tree:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def process_rss_mb(pid: int) -> list[float]:
    """Resident memory of each serving process: the server itself, or with `--workers` each
    worker (the supervisor only forks them and serves nothing)."""
    import psutil

    root = psutil.Process(pid)
    workers = [
        p for p in root.children(recursive=True)
        if "resource_tracker" not in " ".join(p.cmdline())  # multiprocessing's helper
    ]
    return [round(p.memory_info().rss / 2**20, 1) for p in (workers or [root])]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def drive(port: int, args: argparse.Namespace) -> tuple[Stats, float]:
    stats = Stats()
    ids = iter(range(int(time.time() * 1000) * 1000, sys.maxsize))
    # Warm-up, not measured: the first messages load lazy parts of the extractor (word
    # lists, jieba's dictionary), which a running server has long done.
    warm = Sender("127.0.0.1", port, Stats(), args, 9999, ids)
    for _ in range(3):
        await warm.post(f"卖给老李1盆千叶，一共{WARMUP_AMOUNT}元")
        await warm.post("取消")
    await warm.conn.close()
    started = time.monotonic()
    deadline = started + args.duration
    senders = [Sender("127.0.0.1", port, stats, args, i, ids) for i in range(args.concurrency)]
    try:
        await asyncio.gather(*(s.run(deadline) for s in senders))
    finally:
        for s in senders:
            await s.conn.close()
    return stats, time.monotonic() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of sending")
    ap.add_argument("--concurrency", type=int, default=200, help="concurrent WeChat users")
    ap.add_argument("--think", type=float, default=5.0,
                    help="seconds a user pauses between messages (0 = as fast as possible)")
    ap.add_argument("--dup-rate", type=float, default=0.1,
                    help="fraction of messages WeChat delivers twice (same MsgId)")
    ap.add_argument("--p99-limit-ms", type=float, default=100.0)
    ap.add_argument("--workers", type=int, default=1, help="`ledgerbot serve --workers`")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ledgerbot-bench-") as tmp:
        work = Path(tmp)
        with bench_servers() as (pg_url, redis_url):
            port = free_port()
            proc = start_server(pg_url, redis_url, work, port, args.workers)
            try:
                base = f"http://127.0.0.1:{port}"
                asyncio.run(wait_healthy(base, proc))
                cpu_before = process_cpu_seconds(proc.pid)
                stats, elapsed = asyncio.run(drive(port, args))
                server_cpu = process_cpu_seconds(proc.pid) - cpu_before
                rss_mb = process_rss_mb(proc.pid)
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
            in_db = saved_rows(pg_url)

    lat_ms = [x * 1000 for x in stats.latencies]
    in_db.pop(("bench-9999", WARMUP_AMOUNT), None)  # the warm-up's drafts are cancelled
    lost = sum(1 for k in stats.saved if k not in in_db)
    duplicated = sum(n - 1 for n in in_db.values() if n > 1)
    # Saved although its "已保存" answer never arrived (a timeout or error on the way back).
    unacknowledged = sum(1 for k in in_db if k not in stats.saved)
    report = {
        "concurrency": args.concurrency, "duration_s": round(elapsed, 1), "think_s": args.think,
        "requests": len(lat_ms), "redeliveries": stats.redeliveries,
        "throughput_rps": round(len(lat_ms) / elapsed, 1),
        "p50_ms": round(statistics.median(lat_ms), 1) if lat_ms else None,
        "p90_ms": round(percentile(lat_ms, 0.90), 1), "p99_ms": round(percentile(lat_ms, 0.99), 1),
        "max_ms": round(max(lat_ms), 1) if lat_ms else None,
        "errors": stats.errors, "unexpected_replies": len(stats.unexpected),
        "confirmed": len(stats.saved), "rows_in_postgres": sum(in_db.values()),
        "lost": lost, "duplicated": duplicated, "saved_unacknowledged": unacknowledged,
        "client_cpu_s": round(time.process_time(), 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(len(lat_ms), 1), 2),
        "worker_rss_mb": rss_mb,
        "load_average": os.getloadavg()[0],
    }
    print(json.dumps(report, ensure_ascii=False))
    for line in stats.unexpected[:5]:
        print("  unexpected:", line, file=sys.stderr)
    ok = (report["p99_ms"] < args.p99_limit_ms and lost == 0 and duplicated == 0
          and not stats.errors and not stats.unexpected)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
