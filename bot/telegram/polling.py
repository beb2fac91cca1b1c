"""`ledgerbot run telegram`: long polling, for running without a public HTTPS address.

PTB's Updater retries getUpdates network errors itself, with growing pauses.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from redis.asyncio import Redis

from bot.app import runtime
from bot.config import Config
from bot.settings import TelegramSettings, telegram_settings
from bot.telegram.application import ALLOWED_UPDATES, build_application, register_commands
from handlers.dispatch import Dispatcher


async def poll(settings: TelegramSettings, dispatcher: Dispatcher, redis: Redis,
               stop: asyncio.Event) -> None:
    """Answer updates until `stop` is set (the Updater API, so the caller keeps its loop)."""
    app = build_application(settings, dispatcher, redis, polling=True)
    assert app.updater is not None
    async with app:  # initialize() ... shutdown()
        await register_commands(app)
        # start_polling first deletes any webhook: Telegram serves one mode at a time.
        await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=3)
        await app.start()
        try:
            await stop.wait()
        finally:
            await app.updater.stop()
            await app.stop()


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    if config.telegram.token is None:
        print("没有配置 Telegram 机器人 token：请设置 LEDGERBOT_TELEGRAM__TOKEN", file=sys.stderr)
        return 2

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with runtime(config, today=args.today, warm=True) as rt:
            await poll(telegram_settings(config), rt.dispatcher, rt.redis, stop)

    asyncio.run(go())
    return 0
