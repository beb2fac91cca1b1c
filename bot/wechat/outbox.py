"""Text kept for a user's next message: results that missed WeChat's reply window, the
rest of a long answer, or 客服消息 WeChat refused (45015/45047).

One Redis list per openid, oldest first, each piece short enough to go out as one
message together with the "reply 继续" hint.
"""

from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis

from bot.wechat.relay import as_text

TTL_SECONDS = 2 * 24 * 3600  # WeChat's own 48-hour window: older answers are stale anyway


class Outbox:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis, self._prefix = redis, prefix

    def key(self, openid: str) -> str:
        return f"{self._prefix}:wechat:outbox:{openid}"

    async def push(self, openid: str, pieces: Sequence[str]) -> None:
        if not pieces:
            return
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(self.key(openid), *pieces)
            pipe.expire(self.key(openid), TTL_SECONDS)
            await pipe.execute()

    async def take_all(self, openid: str) -> list[str]:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.lrange(self.key(openid), 0, -1)
            pipe.delete(self.key(openid))
            raw, _ = await pipe.execute()
        return [as_text(r) for r in raw]
