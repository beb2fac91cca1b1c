"""`ledgerbot worker`: queue workers in a process of their own (run several, on any
machine that reaches the same broker, PostgreSQL and Redis). With them running, set
`queue.embedded_workers: 0` so `ledgerbot serve` only answers webhooks.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

import uvloop

from bot.app import runtime
from bot.config import Config


def cmd_worker(args: argparse.Namespace, config: Config) -> int:
    threads = args.threads or config.queue.worker_threads

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with runtime(config, warm=True) as rt:
            rt.queue.start_workers(rt, threads)
            print(f"ledgerbot worker: {threads} threads on the {rt.queue.broker_kind} broker",
                  flush=True)
            await stop.wait()

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(go())
    return 0
