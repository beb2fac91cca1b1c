"""Texts kept in Redis for a chat's next message, oldest first: one list per chat.

`Notices` are messages that arrived while a chat was quiet (a login code asked for in the
app), given with that chat's next reply by the dispatcher: the fallback for channels that
cannot push (the console; WeChat without 客服消息). The WeChat channel keeps its own late
answers the same way (bot/wechat/outbox.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis

TTL_SECONDS = 24 * 3600  # a notice older than a day (a login code lives 5 minutes) is stale


class Notices:
    def __init__(self, redis: Redis, prefix: str = "ledgerbot", *, kind: str = "notices",
                 ttl: int = TTL_SECONDS) -> None:
        self._redis, self._prefix, self._kind, self._ttl = redis, prefix, kind, ttl

    def key(self, chat_key: str) -> str:
        return f"{self._prefix}:{self._kind}:{chat_key}"

    async def add(self, chat_key: str, texts: Sequence[str]) -> None:
        if not texts:
            return
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(self.key(chat_key), *texts)
            pipe.expire(self.key(chat_key), self._ttl)
            await pipe.execute()

    async def take(self, chat_key: str) -> list[str]:
        """Every text waiting for this chat, removed as they are read."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.lrange(self.key(chat_key), 0, -1)
            pipe.delete(self.key(chat_key))
            raw, _ = await pipe.execute()
        return [r.decode() if isinstance(r, bytes) else str(r) for r in raw]
