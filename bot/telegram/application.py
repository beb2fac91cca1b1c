"""The PTB Application, built the same way for long polling and for the webhook.

Bot API root from config (tests point it at a local stand-in), AIORateLimiter for
Telegram's flood limits, retrying HTTP client, concurrent updates with per-chat order.
"""

from __future__ import annotations

from redis.asyncio import Redis
from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.settings import TelegramSettings
from bot.telegram.request import RetryingRequest
from bot.telegram.updates import TelegramBridge
from handlers.commands import COMMANDS
from handlers.dispatch import Dispatcher

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def build_application(
    settings: TelegramSettings, dispatcher: Dispatcher, redis: Redis, *, polling: bool
) -> Application:  # type: ignore[type-arg]
    """An Application whose handlers feed the dispatcher; without an Updater for webhooks."""
    tg = settings.telegram
    if tg.token is None:
        raise ValueError("telegram.token is not set (LEDGERBOT_TELEGRAM__TOKEN)")
    root = tg.base_url.rstrip("/")
    builder = (
        ApplicationBuilder()
        .token(tg.token.get_secret_value())
        .base_url(f"{root}/bot")  # PTB appends <token>/<method>
        .base_file_url(f"{root}/file/bot")
        .request(RetryingRequest())
        .rate_limiter(AIORateLimiter(max_retries=3))  # waits out 429 RetryAfter, 3 times
        .concurrent_updates(True)  # one message per chat at a time: the dispatcher's chat lock
    )
    if not polling:
        builder = builder.updater(None)  # updates arrive through our own ASGI route
    app = builder.build()
    TelegramBridge(settings, dispatcher, redis).install(app)
    return app


async def register_commands(app: Application) -> None:  # type: ignore[type-arg]
    """The command menu Telegram shows, from the same table the dispatcher answers."""
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS.items()])
