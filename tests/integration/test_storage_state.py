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
from storage.state import DraftStore, Leases, RateLimiter

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


async def test_one_lease_holder_at_a_time(redis: Redis, redis_prefix: str) -> None:
    leases = Leases(redis, ttl=1.0, prefix=redis_prefix)
    got: list[bool] = []

    async def take() -> None:
        async with leases.hold("wechat:42") as mine:
            got.append(mine)
            await asyncio.sleep(0.3)

    await asyncio.gather(*(take() for _ in range(5)))
    assert sorted(got) == [False, False, False, False, True]
    assert not await leases.held("wechat:42")  # released at the end of the block


async def test_a_lease_is_renewed_while_its_work_runs(redis: Redis, redis_prefix: str) -> None:
    """Work longer than the ttl keeps its lease: nobody else takes the message up."""
    leases = Leases(redis, ttl=0.6, prefix=redis_prefix)
    async with leases.hold("wechat:7") as mine:
        assert mine
        await asyncio.sleep(1.5)
        async with leases.hold("wechat:7") as other:
            assert not other


async def test_a_crashed_holders_lease_lapses_within_its_ttl(
        redis: Redis, redis_prefix: str) -> None:
    """A holder that stops renewing (killed) frees the message within the ttl, unlike a
    24-hour "being handled" marker."""
    leases = Leases(redis, ttl=0.6, prefix=redis_prefix)
    await redis.set(leases.key("wechat:9"), "a-dead-worker", px=600)
    async with leases.hold("wechat:9") as mine:
        assert not mine
    await asyncio.sleep(0.7)
    async with leases.hold("wechat:9") as mine:
        assert mine


async def test_a_reservation_is_adopted_by_the_worker(redis: Redis, redis_prefix: str) -> None:
    leases = Leases(redis, ttl=1.0, prefix=redis_prefix)
    assert await leases.reserve("wechat:5", ttl=10)
    assert not await leases.reserve("wechat:5", ttl=10)  # a retry does not hand it on again
    async with leases.hold("wechat:5") as mine:
        assert mine


async def test_rate_limit_counts_per_user(redis: Redis, redis_prefix: str) -> None:
    limiter = RateLimiter(redis, per_minute=3, prefix=redis_prefix)
    assert [await limiter.allow("u1") for _ in range(4)] == [True, True, True, False]
    assert await limiter.allow("u2")


async def test_the_webhook_hands_a_message_on_again_once_its_worker_is_gone(
        redis: Redis, redis_prefix: str) -> None:
    """WeChat's retry after a worker crash: the lapsed lease lets the message be handed
    to the queue again; a live one, or a published result, does not."""
    from bot.wechat.relay import Relay

    relay = Relay(redis, redis_prefix, result_ttl=60)
    leases = Leases(redis, ttl=0.5, prefix=redis_prefix)
    lease, outbox = leases.key("wechat:o:o:77"), f"{redis_prefix}:none"
    assert (await relay.arrive("77", lease, outbox))[0]  # first delivery: hand it on
    assert not (await relay.arrive("77", lease, outbox))[0]  # reserved: wait for it
    async with leases.hold("wechat:o:o:77") as mine:  # the worker adopts the reservation
        assert mine
        assert not (await relay.arrive("77", lease, outbox))[0]
    # It died without publishing (its lease is gone): the next retry hands it on again.
    assert (await relay.arrive("77", lease, outbox))[0]
    await redis.delete(lease)

    async def never(text: str) -> None:
        raise AssertionError("nobody gave up, nothing goes out late")

    await relay.publish("77", "✅ 已保存", never)
    assert not (await relay.arrive("77", lease, outbox))[0]  # done: answer from the result
    assert await relay.wait("77", 0.1) == "✅ 已保存"


async def test_a_chat_lock_outlives_its_ttl_while_held_and_frees_soon_after_a_crash(
        redis: Redis, redis_prefix: str) -> None:
    from storage.state import ChatBusy, ChatLocks

    locks = ChatLocks(redis, ttl=0.6, wait=0.2, prefix=redis_prefix)
    async with locks.hold("wechat:o:o"):
        await asyncio.sleep(1.5)  # longer than the ttl: renewed
        with pytest.raises(ChatBusy):
            async with locks.hold("wechat:o:o"):
                pass
    # A holder that died: its lock (not renewed) is gone within the ttl.
    await redis.set(f"{redis_prefix}:chat-lock:wechat:d:d", "dead", px=600)
    await asyncio.sleep(0.7)
    async with locks.hold("wechat:d:d"):
        pass
