"""Which confirmation card in a chat still has live buttons, and whose card it is.

Only the newest card of a conversation keeps its buttons: when a later message settles or
replaces the draft, the old card's buttons are removed. In a group, a card answers only
the vendor it was shown to. Kept in Redis so a restart or a second worker agrees.
"""

from __future__ import annotations

from redis.asyncio import Redis

from handlers.messages import ChatRef


class CardMemory:
    def __init__(self, redis: Redis, *, prefix: str, ttl_seconds: int) -> None:
        self._redis = redis
        self._prefix = f"{prefix}:telegram:card"
        self._ttl = ttl_seconds

    def _last(self, ref: ChatRef) -> str:
        return f"{self._prefix}:last:{ref.chat_id}:{ref.user_id}"

    def _owner(self, chat_id: str, message_id: int) -> str:
        return f"{self._prefix}:owner:{chat_id}:{message_id}"

    async def replace(self, ref: ChatRef, message_id: int | None) -> int | None:
        """Remember the conversation's newest card (None: no card); returns the previous."""
        old: object
        if message_id is None:
            old = await self._redis.getdel(self._last(ref))
        else:
            old = await self._redis.set(self._last(ref), message_id, ex=self._ttl, get=True)
            await self._redis.set(self._owner(ref.chat_id, message_id), ref.user_id,
                                  ex=self._ttl)
        return int(old) if isinstance(old, bytes | str) else None

    async def forget(self, ref: ChatRef, message_id: int) -> None:
        """This card was settled or stripped; forget it unless a newer card took its place.
        (Not atomic; callers hold the conversation's lock.)"""
        if await self._redis.get(self._last(ref)) in (str(message_id).encode(), message_id):
            await self._redis.delete(self._last(ref))

    async def owner(self, chat_id: str, message_id: int) -> str | None:
        raw = await self._redis.get(self._owner(chat_id, message_id))
        return raw.decode() if isinstance(raw, bytes) else raw
