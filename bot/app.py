"""Composition root: builds every service from the config, once, and hands out a Dispatcher.

Nothing is created at import time; tests and each CLI command build their own runtime.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import platformdirs
from redis.asyncio import BlockingConnectionPool, Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Config
from chains.extractor import Extractor, RulesExtractor
from handlers import build_router
from handlers.dispatch import Dispatcher, Services
from handlers.draft import Draft
from handlers.turn import Policy
from handlers.voice import Transcriber
from storage import db
from storage.embedded import EmbeddedServers
from storage.state import ChatLocks, Dedup, DraftStore, RateLimiter

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    config: Config
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    dispatcher: Dispatcher
    today: Callable[[], dt.date]


def data_dir(config: Config) -> Path:
    return config.app.data_dir or Path(platformdirs.user_data_dir("ledgerbot"))


def resolve_urls(config: Config, embedded: EmbeddedServers) -> tuple[str, str]:
    """DATABASE_URL / REDIS_URL when set, else the embedded servers under the data dir."""
    s = config.storage
    rd = s.redis_url.get_secret_value() if s.redis_url else embedded.redis_url()
    return postgres_url(config, embedded), rd


def postgres_url(config: Config, embedded: EmbeddedServers) -> str:
    """For commands that need only the ledger (export, db): no Redis is started."""
    s = config.storage
    return s.database_url.get_secret_value() if s.database_url else embedded.postgres_url()


def make_clock(config: Config, fixed: dt.date | None) -> Callable[[], dt.date]:
    zone = ZoneInfo(config.app.timezone)
    return (lambda: fixed) if fixed else (lambda: dt.datetime.now(zone).date())


def build_extractor(config: Config, redis: Redis, *, warm: bool) -> Extractor:
    if config.extractor.mode == "rules":
        return RulesExtractor(warm=warm)
    from bot.extractors import build_llm_extractor

    return build_llm_extractor(config, redis)


def build_speech(config: Config) -> Transcriber:
    from bot.speech.service import build_transcriber

    return build_transcriber(config, data_dir(config))


@asynccontextmanager
async def runtime(
    config: Config, *, today: dt.date | None = None, warm: bool = False
) -> AsyncIterator[Runtime]:
    """Everything one process needs. `warm` pays start-up costs (the segmenter's dictionary)
    at once: right for a server, wasted on a short console run."""
    embedded = EmbeddedServers(data_dir(config))
    pg_url, redis_url = resolve_urls(config, embedded)
    db.upgrade(pg_url)
    engine = db.make_engine(
        pg_url,
        pool_size=config.storage.pool_size,
        statement_timeout_ms=config.storage.statement_timeout_ms,
    )
    # A blocking pool waits for a free connection under load instead of failing the message.
    pool = BlockingConnectionPool.from_url(
        redis_url,
        max_connections=config.storage.redis_max_connections,
        timeout=5,
        socket_timeout=5,
        socket_connect_timeout=5,
    )
    redis = Redis(connection_pool=pool)
    d = config.dialogue
    redis_prefix = config.storage.redis_prefix
    clock = make_clock(config, today or config.app.today)
    services = Services(
        sessions=db.make_sessions(engine),
        drafts=DraftStore(redis, Draft, ttl=d.draft_ttl_seconds, prefix=redis_prefix),
        dedup=Dedup(redis, ttl=d.dedup_ttl_seconds, prefix=redis_prefix),
        limiter=RateLimiter(redis, per_minute=d.rate_limit_per_minute, prefix=redis_prefix),
        locks=ChatLocks(
            redis,
            ttl=d.chat_lock_ttl_seconds,
            wait=d.chat_lock_wait_seconds,
            prefix=redis_prefix,
        ),
        extractor=build_extractor(config, redis, warm=warm),
        policy=Policy(
            confirm_policy=d.confirm_policy,
            auto_confirm_threshold=d.auto_confirm_threshold,
            max_clarify_turns=d.max_clarify_turns,
            list_limit=d.list_limit,
        ),
        today=clock,
        speech=build_speech(config),
    )
    try:
        yield Runtime(
            config=config,
            engine=engine,
            sessions=services.sessions,
            redis=redis,
            dispatcher=Dispatcher(services, build_router()),
            today=clock,
        )
    finally:
        await redis.aclose()
        await pool.disconnect()
        await engine.dispose()
        embedded.stop()
