"""Where benchmarks put their data: a throwaway database on DATABASE_URL's server, or an
embedded PostgreSQL/Redis in a temporary directory."""

from __future__ import annotations

import os
import statistics
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage import db
from storage.embedded import EmbeddedServers


@contextmanager
def bench_servers(*, redis: bool = True) -> Iterator[tuple[str, str]]:
    """(postgres url, redis url or ""), migrated, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="ledgerbot-bench-") as tmp:
        embedded = EmbeddedServers(Path(tmp))
        redis_url = os.environ.get("REDIS_URL") or (embedded.redis_url() if redis else "")
        server = os.environ.get("DATABASE_URL")
        if not server:
            url = embedded.postgres_url()
            db.upgrade(url)
            yield url, redis_url
            return
        name = f"ledgerbot_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(db.normalise_url(server), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(db.normalise_url(server)).set(database=name)
        url_s = url.render_as_string(hide_password=False)
        try:
            db.upgrade(url_s)
            yield url_s, redis_url
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
