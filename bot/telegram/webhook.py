"""The Telegram webhook as a route of `ledgerbot serve`'s own ASGI app (no PTB web server).

Telegram proves a request is its own with the secret token given at setWebhook; without a
configured secret every request is refused, so nobody can post updates as a vendor.
"""

from __future__ import annotations

import hmac
import json
import logging

from redis.asyncio import Redis
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from telegram import Update

from bot.settings import TelegramSettings
from bot.telegram.application import ALLOWED_UPDATES, build_application, register_commands
from handlers.dispatch import Dispatcher

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookChannel:
    def __init__(self, settings: TelegramSettings, dispatcher: Dispatcher, redis: Redis) -> None:
        tg = settings.telegram
        self._app = build_application(settings, dispatcher, redis, polling=False)
        self._secret = tg.webhook_secret.get_secret_value() if tg.webhook_secret else None
        self._url = tg.webhook_url
        self.routes: list[BaseRoute] = [Route(tg.path, self.receive, methods=["POST"])]

    async def start(self) -> None:
        """getMe (process_update needs it), the command menu, and setWebhook when configured."""
        await self._app.initialize()
        await register_commands(self._app)
        if self._secret is None:
            log.warning("telegram webhook refuses all requests: set "
                        "LEDGERBOT_TELEGRAM__WEBHOOK_SECRET")
        elif self._url:
            await self._app.bot.set_webhook(self._url, secret_token=self._secret,
                                            allowed_updates=ALLOWED_UPDATES)

    async def stop(self) -> None:
        await self._app.shutdown()

    async def receive(self, request: Request) -> Response:
        """Handle the update before answering: Telegram redelivers when we fail or time out,
        and the dispatcher's dedup by update id makes the redelivery harmless."""
        given = request.headers.get(SECRET_HEADER, "")
        if self._secret is None or not hmac.compare_digest(given.encode(), self._secret.encode()):
            return Response(status_code=403)
        try:
            data = json.loads(await request.body())
            # An Update is a JSON object with an integer update_id; anything else (a list,
            # a number, null) would only fail deeper inside PTB.
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise TypeError("not an Update object")
            update = Update.de_json(data, self._app.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("telegram webhook got a body that is not an Update")
            return Response(status_code=400)
        await self._app.process_update(update)
        return Response(status_code=200)


def build_webhook_channel(
    settings: TelegramSettings, dispatcher: Dispatcher, redis: Redis
) -> WebhookChannel:
    return WebhookChannel(settings, dispatcher, redis)
