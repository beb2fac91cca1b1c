"""Who answers a WeChat message, exactly once, across WeChat's retries and our workers.

WeChat waits 5 s for the reply to a POST, then sends the same MsgId again (3 tries in
all). The first delivery to reserve the message's lease (storage.state.Leases, the
dispatcher's "being handled") while no result is published hands the work to the queue
(a task, bot/wechat/tasks.py); every delivery, in whichever web process, polls for the
published result. The worker adopts the reservation and renews it while it works, so
after a crash the lease lapses within seconds and the next retry hands the message on
again (the finished message's row in PostgreSQL makes a second run return the first
run's replies). Whoever hands the result over claims `wechat:delivered:<key>`
first, so a result goes out once: as the passive reply, or "late" (客服消息 / kept for
the next message) once a delivery has given up waiting (after that, retries no longer
answer with it). Publishing the result and giving up each set their own key before
reading the other's, so at least one of them sees both; a last SET NX (`late`) makes sure
only one of them sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from redis.asyncio import Redis

from handlers.dispatch import GENERIC_ERROR
from storage.state import QUEUED

log = logging.getLogger(__name__)
LateDelivery = Callable[[str], Awaitable[None]]  # receives the finished reply text
# Waiting deliveries are woken by a Redis PUBLISH when their result is set; this slow poll
# only covers a lost notification (the subscriber reconnecting after a Redis restart).
POLL_SECONDS = 0.5
# A reservation outlives a short queue backlog; past it, a retry hands the message on again
# (harmless: the second run finds the first one's lease or its finished row).
RESERVE_SECONDS = 10.0
FAILED = GENERIC_ERROR  # one wording for "nothing was saved"


def as_text(raw: bytes | str) -> str:
    """Redis values as text, whether or not the client decodes responses."""
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


class Relay:
    """`lease` arguments are the dispatcher's lease key of the message (storage.state
    .Leases): the web reserves it, the worker that runs the message adopts it."""

    def __init__(self, redis: Redis, prefix: str, *, result_ttl: int) -> None:
        self._redis, self._prefix = redis, prefix
        self._result_ttl = result_ttl
        self._backstops: dict[str, asyncio.TimerHandle] = {}
        self._waiters: dict[str, set[asyncio.Future[None]]] = {}
        self._listener: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()

    def _k(self, kind: str, key: str) -> str:
        return f"{self._prefix}:wechat:{kind}:{key}"

    async def arrive(self, key: str, lease: str, also_exists: str) -> tuple[bool, int, bool]:
        """(must this delivery hand the message on, how many deliveries so far, does the
        key `also_exists` exist): one round trip for what every message needs."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.set(lease, QUEUED, nx=True, px=int(RESERVE_SECONDS * 1000))
            pipe.exists(self._k("result", key))
            pipe.incr(self._k("tries", key))
            pipe.expire(self._k("tries", key), self._result_ttl)
            pipe.exists(also_exists)
            reserved, done, tries, _, exists = await pipe.execute()
        return bool(reserved) and not done, int(tries), bool(exists)

    async def start(self, key: str, lease: str, hand_on: Callable[[], Awaitable[None]],
                    late: LateDelivery, *, backstop_seconds: float | None) -> None:
        """Hand the message's work to the queue; `late` gets the result if no reply
        carries it. If the queue refuses, the reservation is dropped and this raises.

        `backstop_seconds`: give up waiting on our own after this long, for when WeChat's
        last retry never reaches us (without 客服消息 nothing else would deliver it).
        """
        try:
            await hand_on()
        except Exception:
            await self._redis.delete(lease)
            raise
        if backstop_seconds is not None:
            # A timer, not a sleeping task: nearly every message is answered in time and
            # its timer is simply cancelled.
            self._backstops[key] = asyncio.get_running_loop().call_later(
                backstop_seconds, self._backstop, key, late)

    async def wait(self, key: str, within: float) -> str | None:
        """The finished reply, or None if it is not ready `within` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        if self._listener is None or self._listener.done():
            self._listener = asyncio.create_task(self._listen())
        woken: asyncio.Future[None] = loop.create_future()
        self._waiters.setdefault(key, set()).add(woken)
        try:
            while True:  # the work runs in a queue worker
                raw = await self._redis.get(self._k("result", key))
                if raw is not None:
                    return as_text(raw)
                left = deadline - loop.time()
                if left <= 0:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(woken), min(POLL_SECONDS, left))
                if woken.done():
                    woken = loop.create_future()
                    self._waiters.setdefault(key, set()).add(woken)
        finally:
            waiting = self._waiters.get(key, set())
            waiting.discard(woken)
            if not waiting:
                self._waiters.pop(key, None)

    async def _listen(self) -> None:
        """Wake the deliveries waiting here when a worker publishes their result."""
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._k("published", "all"))
                    async for event in pubsub.listen():
                        if event.get("type") != "message":
                            continue
                        for fut in self._waiters.get(as_text(event["data"]), set()):
                            if not fut.done():
                                fut.set_result(None)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis restarting: the waiters poll meanwhile
                await asyncio.sleep(POLL_SECONDS)

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
            self.spawn(self.late_once(key, as_text(raw), late))
        return True

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A background task we keep a reference to (so it is not collected) and can stop."""
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        pending = list(self._background)
        for timer in self._backstops.values():
            timer.cancel()
        self._backstops.clear()
        # Let in-flight work finish briefly so accepted messages are not dropped silently.
        if pending:
            _, still = await asyncio.wait(pending, timeout=5)
            for task in still:
                task.cancel()

    async def publish(self, key: str, text: str, late: LateDelivery) -> None:
        """The worker's side: the message's reply is ready. If every delivery has given
        up waiting, `late` sends it (once, whoever gets there first)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(self._k("result", key), text, ex=self._result_ttl)
            pipe.get(self._k("gaveup", key))
            pipe.publish(self._k("published", "all"), key)
            _, gave_up, _ = await pipe.execute()
        if gave_up is not None:
            await self.late_once(key, text, late)

    async def late_once(self, key: str, text: str, late: LateDelivery) -> None:
        # Publisher and giver-up may both see the pair of keys; only one of them sends.
        if await self._redis.set(self._k("late", key), "1", nx=True, ex=self._result_ttl):
            await late(text)

    def _backstop(self, key: str, late: LateDelivery) -> None:
        self._backstops.pop(key, None)
        self.spawn(self.give_up(key, late))  # a no-op if a reply already carried it

