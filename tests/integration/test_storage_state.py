"""Redis-backed conversation state behaves as the dialogue relies on it."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from redis.asyncio import Redis

from handlers.draft import Draft
from ledger import Entry, EntryType
from storage.state import Dedup, DraftStore, RateLimiter

pytestmark = pytest.mark.integration


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


def _draft() -> Draft:
    entry = Entry(type=EntryType.INCOME, amount=Decimal(860), date=dt.date(2026, 3, 15))
    return Draft(entries=(entry,), raw_text="卖了860")


async def test_draft_round_trips_and_clears(redis: Redis, redis_prefix: str) -> None:
    store = DraftStore(redis, Draft, ttl=60, prefix=redis_prefix)
    draft = _draft()
    await store.save("console:a:a", draft)
    assert await store.get("console:a:a") == draft
    assert await store.get("console:b:b") is None
    await store.clear("console:a:a")
    assert await store.get("console:a:a") is None
    assert not await store.expired("console:a:a")


async def test_expired_draft_is_reported_once(redis: Redis, redis_prefix: str) -> None:
    store = DraftStore(redis, Draft, ttl=1, prefix=redis_prefix)
    await store.save("console:a:a", _draft())
    await asyncio.sleep(1.2)
    assert await store.get("console:a:a") is None
    assert await store.expired("console:a:a")
    assert not await store.expired("console:a:a")


async def test_dedup_claims_once(redis: Redis, redis_prefix: str) -> None:
    dedup = Dedup(redis, ttl=60, prefix=redis_prefix)
    results = await asyncio.gather(*(dedup.claim("wechat:42") for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]


async def test_rate_limit_counts_per_user(redis: Redis, redis_prefix: str) -> None:
    limiter = RateLimiter(redis, per_minute=3, prefix=redis_prefix)
    assert [await limiter.allow("u1") for _ in range(4)] == [True, True, True, False]
    assert await limiter.allow("u2")
