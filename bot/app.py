"""Composition root: builds every service from the config, once, and hands out a Dispatcher.

Nothing is created at import time; tests and each CLI command build their own runtime.
Tests swap a service through the keyword overrides of `runtime()` / `build_services()`,
never by reaching into the built objects.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Config
from bot.metrics import PrometheusObserver, TimedExtractor, TimedTranscriber
from bot.queue.engine import Queue
from bot.settings import data_dir
from chains.extractor import Extractor, RulesExtractor
from handlers import build_router
from handlers.admission import Admission
from handlers.binding import PendingPhone
from handlers.dispatch import Dispatcher, Services
from handlers.draft import Draft
from handlers.turn import Policy
from handlers.voice import Transcriber
from storage import db
from storage.embedded import EmbeddedServers
from storage.notices import Notices
from storage.state import ChatLocks, DraftStore, Leases, RateLimiter

log = logging.getLogger(__name__)
Clock = Callable[[], dt.date]


@dataclass(frozen=True, slots=True)
class Runtime:
    """What one process holds open. Channels are handed pieces of it, never the whole."""

    config: Config
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    dispatcher: Dispatcher
    today: Clock
    queue: Queue  # slow work; `start_workers` runs it in this process


@dataclass(frozen=True, slots=True)
class ServerUrls:
    postgres: str
    redis: str  # "" when the caller did not ask for Redis


@contextmanager
def resolve_servers(config: Config, *, redis: bool = True) -> Iterator[ServerUrls]:
    """The one place that picks the servers: DATABASE_URL / REDIS_URL when set, else the
    embedded ones under the data dir (started here, stopped on exit). `redis=False` for
    commands that need only the ledger (export, db): no Redis is started for them."""
    s = config.storage
    embedded = EmbeddedServers(data_dir(config))
    try:
        pg = s.database_url.get_secret_value() if s.database_url else embedded.postgres_url()
        rd = ""
        if redis:
            rd = s.redis_url.get_secret_value() if s.redis_url else embedded.redis_url()
        yield ServerUrls(postgres=pg, redis=rd)
    finally:
        embedded.stop()


def make_clock(config: Config, fixed: dt.date | None = None) -> Clock:
    """Today in the vendor's time zone; `fixed` (or app.today) pins it for tests and demos."""
    zone = ZoneInfo(config.app.timezone)
    pinned = fixed or config.app.today
    return (lambda: pinned) if pinned else (lambda: dt.datetime.now(zone).date())


def build_extractor(config: Config, redis: Redis, *, warm: bool) -> Extractor:
    if config.extractor.mode == "rules":
        return RulesExtractor(warm=warm)
    from bot.extractors import build_llm_extractor

    return build_llm_extractor(config, redis)


def build_speech(config: Config) -> Transcriber:
    from bot.speech.service import build_transcriber

    return build_transcriber(config, data_dir(config))


def build_services(
    config: Config,
    *,
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
    extractor: Extractor | None = None,
    speech: Transcriber | None = None,
    clock: Clock | None = None,
    warm: bool = False,
) -> Services:
    """The dispatcher's services from the config; each keyword replaces one of them."""
    d, prefix = config.dialogue, config.storage.redis_prefix
    return Services(
        sessions=sessions,
        drafts=DraftStore(redis, Draft, ttl=d.draft_ttl_seconds, prefix=prefix),
        leases=Leases(redis, ttl=d.lease_ttl_seconds, prefix=prefix),
        limiter=RateLimiter(redis, per_minute=d.rate_limit_per_minute, prefix=prefix),
        locks=ChatLocks(
            redis, ttl=d.chat_lock_ttl_seconds, wait=d.chat_lock_wait_seconds, prefix=prefix
        ),
        # What the config builds is timed for /metrics; an override is used exactly as given.
        extractor=(
            TimedExtractor(build_extractor(config, redis, warm=warm))
            if extractor is None
            else extractor
        ),
        policy=Policy(
            confirm_policy=d.confirm_policy,
            auto_confirm_threshold=d.auto_confirm_threshold,
            max_clarify_turns=d.max_clarify_turns,
            list_limit=d.list_limit,
        ),
        today=make_clock(config) if clock is None else clock,
        phones=DraftStore(redis, PendingPhone, ttl=d.draft_ttl_seconds, prefix=f"{prefix}:phone"),
        notices=Notices(redis, prefix=prefix),
        speech=TimedTranscriber(build_speech(config)) if speech is None else speech,
        observer=PrometheusObserver(),
        admission=Admission(d.max_in_flight),
        outcome_wait_seconds=d.commit_check_seconds,
        db_deadline_seconds=config.storage.db_deadline_seconds,
    )


def _redis_client(config: Config, url: str) -> Redis:
    """A blocking pool waits for a free connection under load instead of failing the
    message. A pooled connection that died (a Redis restart) is found by the health check
    or fails its command, which is retried once on a fresh connection; a Redis that is down
    fails within the timeouts, so the vendor is told at once that nothing was saved."""
    wait = config.storage.redis_timeout_seconds
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=config.storage.redis_max_connections,
        timeout=5,
        socket_timeout=wait,
        socket_connect_timeout=wait,
        health_check_interval=10,
        # A restarted Redis leaves every pooled connection dead: retry once on a fresh one;
        # a Redis that stays down is reported at once (/readyz within its 2 s, WeChat in 5 s).
        retry=Retry(ExponentialBackoff(cap=0.2, base=0.02), 1),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
    )
    return Redis(connection_pool=pool)


@asynccontextmanager
async def runtime(
    config: Config,
    *,
    today: dt.date | None = None,
    warm: bool = False,
    extractor: Extractor | None = None,
    speech: Transcriber | None = None,
    clock: Clock | None = None,
) -> AsyncIterator[Runtime]:
    """Everything one process needs. `warm` pays start-up costs (the segmenter's dictionary)
    at once: right for a server, wasted on a short console run. `today` pins the date
    (--today); `extractor`, `speech` and `clock` replace the configured services."""
    with resolve_servers(config) as urls:
        db.upgrade(urls.postgres)
        engine = db.make_engine(
            urls.postgres,
            pool_size=config.storage.pool_size,
            statement_timeout_ms=config.storage.statement_timeout_ms,
            connect_timeout_seconds=config.storage.connect_timeout_seconds,
        )
        redis = _redis_client(config, urls.redis)
        queue = Queue(config.queue, redis_url=urls.redis, prefix=config.storage.redis_prefix)
        try:
            services = build_services(
                config,
                sessions=db.make_sessions(engine),
                redis=redis,
                extractor=extractor,
                speech=speech,
                clock=clock or make_clock(config, today),
                warm=warm,
            )
            yield Runtime(
                config=config,
                engine=engine,
                sessions=services.sessions,
                redis=redis,
                dispatcher=Dispatcher(services, build_router()),
                today=services.today,
                queue=queue,
            )
        finally:
            await queue.stop()
            await redis.aclose()
            await redis.connection_pool.disconnect()
            await engine.dispose()
