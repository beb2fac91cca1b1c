"""Messages for a chat that arrived while it was quiet (a login code asked for in the app),
given with that chat's next reply. The fallback for channels that cannot push a message
(the console; WeChat without 客服消息): one Redis list per chat, oldest first."""

from __future__ import annotations

from redis.asyncio import Redis

TTL_SECONDS = 24 * 3600  # a notice older than a day (a login code lives 5 minutes) is stale


class Notices:
    def __init__(self, redis: Redis, prefix: str = "ledgerbot") -> None:
        self._redis, self._prefix = redis, prefix

    def _key(self, chat_key: str) -> str:
        return f"{self._prefix}:notices:{chat_key}"

    async def add(self, chat_key: str, text: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(self._key(chat_key), text)
            pipe.expire(self._key(chat_key), TTL_SECONDS)
            await pipe.execute()

    async def take(self, chat_key: str) -> list[str]:
        """Every notice waiting for this chat, removed as they are read."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.lrange(self._key(chat_key), 0, -1)
            pipe.delete(self._key(chat_key))
            raw, _ = await pipe.execute()
        return [r.decode() if isinstance(r, bytes) else str(r) for r in raw]
