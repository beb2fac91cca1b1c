"""Where benchmarks put their data: a throwaway database on DATABASE_URL's server, or an
embedded PostgreSQL/Redis in a temporary directory (chosen by bot.app.resolve_servers)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.app import resolve_servers
from bot.config import load_config
from storage import db


@contextmanager
def bench_servers(*, redis: bool = True) -> Iterator[tuple[str, str]]:
    """(postgres url, redis url or ""), migrated, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="ledgerbot-bench-") as tmp:
        env = {k: os.environ[k] for k in ("DATABASE_URL", "REDIS_URL") if os.environ.get(k)}
        env["LEDGERBOT_DATA_DIR"] = tmp
        # The bot's own choice of servers; only the throwaway database is ours.
        with resolve_servers(load_config(env=env), redis=redis) as urls:
            if "DATABASE_URL" not in env:
                db.upgrade(urls.postgres)
                yield urls.postgres, urls.redis
                return
            with _throwaway_database(urls.postgres) as url:
                yield url, urls.redis


@contextmanager
def _throwaway_database(server: str) -> Iterator[str]:
    name = f"ledgerbot_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(db.normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(db.normalise_url(server)).set(database=name)
    url_s = url.render_as_string(hide_password=False)
    try:
        db.upgrade(url_s)
        yield url_s
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def percentiles(samples_ms: list[float]) -> str:
    q = statistics.quantiles(samples_ms, n=100, method="inclusive")
    worst = max(samples_ms)
    return f"p50 {q[49]:.2f} ms  p99 {q[98]:.2f} ms  max {worst:.2f} ms  n={len(samples_ms)}"


def p99(samples_ms: list[float]) -> float:
    return statistics.quantiles(samples_ms, n=100, method="inclusive")[98]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_healthy(base: str, proc: subprocess.Popen[bytes]) -> None:
    """Until `ledgerbot serve` at `base` answers /healthz (two minutes at most)."""
    deadline = time.monotonic() + 120
    async with httpx.AsyncClient(base_url=base) as client:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"ledgerbot serve exited with {proc.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get("/healthz", timeout=1)).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise SystemExit("ledgerbot serve did not become healthy")
            await asyncio.sleep(0.2)
