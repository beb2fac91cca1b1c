"""Who answers a WeChat message, exactly once, across WeChat's retries and our workers.

WeChat waits 5 s for the reply to a POST, then sends the same MsgId again (3 tries in
all). The first delivery to claim the MsgId in the one dedup store (`seen:wechat:<key>`,
Redis SET NX) starts the one piece of work for it, as an asyncio task that later
deliveries in the same process await; deliveries landing in another worker poll the
published result instead. Whoever hands the result over claims `wechat:delivered:<key>`
first, so a result goes out once: as the passive reply, or "late" (客服消息 / kept for
the next message) once a delivery has given up waiting (after that, retries no longer
answer with it). Publishing the result and giving up each set their own key before
reading the other's, so at least one of them sees both; a last SET NX (`late`) makes sure
only one of them sends.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from handlers.dispatch import GENERIC_ERROR

log = logging.getLogger(__name__)
LateDelivery = Callable[[str], Awaitable[None]]  # receives the finished reply text
POLL_SECONDS = 0.05


def as_text(raw: bytes | str) -> str:
    """Redis values as text, whether or not the client decodes responses."""
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


class Relay:
    """`claim_key(key)` is the processed-message key of the one dedup layer (storage.state
    .Dedup, shared with the dispatcher): the first delivery to set it starts the work, so
    the dispatcher is not asked to claim the message a second time."""

    def __init__(self, redis: Redis, prefix: str, *, claim_key: Callable[[str], str],
                 claim_ttl: int, result_ttl: int) -> None:
        self._redis, self._prefix, self._claim_key = redis, prefix, claim_key
        self._claim_ttl, self._result_ttl = claim_ttl, result_ttl
        self._work: dict[str, asyncio.Task[str]] = {}
        self._backstops: dict[str, asyncio.TimerHandle] = {}
        self._background: set[asyncio.Task[Any]] = set()

    def _k(self, kind: str, key: str) -> str:
        return f"{self._prefix}:wechat:{kind}:{key}"

    async def arrive(self, key: str, also_exists: str) -> tuple[bool, int, bool]:
        """(is this the first delivery of the message, how many deliveries so far, does
        the key `also_exists` exist): one round trip for what every message needs."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.set(self._claim_key(key), "1", nx=True, ex=self._claim_ttl)
            pipe.incr(self._k("tries", key))
            pipe.expire(self._k("tries", key), self._result_ttl)
            pipe.exists(also_exists)
            first, tries, _, exists = await pipe.execute()
        return bool(first), int(tries), bool(exists)

    def start(self, key: str, work: Coroutine[Any, Any, str], late: LateDelivery,
              *, backstop_seconds: float | None) -> None:
        """Run the message's work once; `late` gets the result if no reply carries it.

        `backstop_seconds`: give up waiting on our own after this long, for when WeChat's
        last retry never reaches us (without 客服消息 nothing else would deliver it).
        """
        task = asyncio.create_task(self._publish(key, work, late))
        self._work[key] = task
        task.add_done_callback(lambda _: self._work.pop(key, None))
        if backstop_seconds is not None:
            # A timer, not a sleeping task: nearly every message is answered in time and
            # its timer is simply cancelled.
            self._backstops[key] = asyncio.get_running_loop().call_later(
                backstop_seconds, self._backstop, key, late)

    async def wait(self, key: str, within: float) -> str | None:
        """The finished reply, or None if it is not ready `within` seconds."""
        task = self._work.get(key)
        if task is not None:
            try:
                return await asyncio.wait_for(asyncio.shield(task), max(within, 0.0))
            except TimeoutError:
                return None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:  # the work runs in another worker, or finished here already
            raw = await self._redis.get(self._k("result", key))
            if raw is not None:
                return as_text(raw)
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(min(POLL_SECONDS, max(deadline - loop.time(), 0.0)))

    async def claim_passive(self, key: str) -> str | None:
        """None if the caller's reply now carries the result, else who already did
        ("passive": an earlier reply, so WeChat never got it; "late")."""
        if await self._redis.set(self._k("delivered", key), "passive", nx=True,
                                 ex=self._result_ttl):
            guard = self._backstops.pop(key, None)
            if guard is not None:
                guard.cancel()
            return None
        won = await self._redis.get(self._k("delivered", key))
        return as_text(won) if won is not None else "?"

    async def give_up(self, key: str, late: LateDelivery) -> bool:
        """No reply will carry this message's result: reserve it for `late`, which gets it
        once it is ready. False when a passive reply has already carried it."""
        if not await self._redis.set(self._k("delivered", key), "late", nx=True,
                                     ex=self._result_ttl):
            return False
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(self._k("gaveup", key), "1", ex=self._result_ttl)
            pipe.get(self._k("result", key))
            _, raw = await pipe.execute()
        if raw is not None:
            self.spawn(self._late_once(key, as_text(raw), late))
        return True

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A background task we keep a reference to (so it is not collected) and can stop."""
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def close(self) -> None:
        pending = [*self._work.values(), *self._background]
        for timer in self._backstops.values():
            timer.cancel()
        self._backstops.clear()
        # Let in-flight work finish briefly so accepted messages are not dropped silently.
        if pending:
            _, still = await asyncio.wait(pending, timeout=5)
            for task in still:
                task.cancel()

    async def _publish(self, key: str, work: Coroutine[Any, Any, str], late: LateDelivery) -> str:
        try:
            text = await work
        except Exception:
            log.exception("wechat message %s failed", key)
            text = GENERIC_ERROR
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(self._k("result", key), text, ex=self._result_ttl)
                pipe.get(self._k("gaveup", key))
                _, gave_up = await pipe.execute()
        except RedisError:
            # Redis went away after the work: deliveries waiting in this process still get
            # the true answer; other workers' deliveries see no result and say so.
            log.exception("wechat message %s: result not published", key)
            return text
        if gave_up is not None:
            self.spawn(self._late_once(key, text, late))
        return text

    async def _late_once(self, key: str, text: str, late: LateDelivery) -> None:
        # Publisher and giver-up may both see the pair of keys; only one of them sends.
        if await self._redis.set(self._k("late", key), "1", nx=True, ex=self._result_ttl):
            await late(text)

    def _backstop(self, key: str, late: LateDelivery) -> None:
        self._backstops.pop(key, None)
        self.spawn(self.give_up(key, late))  # a no-op if a reply already carried it

