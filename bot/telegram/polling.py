"""Long polling (`ledgerbot run telegram`), for running without a public HTTPS address.

PTB's Updater retries getUpdates network errors itself, with growing pauses.
"""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

from bot.settings import TelegramSettings
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
