"""The HTTP client PTB uses for Bot API calls, with retries and backoff for network errors.

PTB's own HTTPXRequest never retries; polling has its own retry loop, but a reply lost to
a dropped connection would be lost for good. Only retries that cannot duplicate a chat
message are made: a request that never reached Telegram (connect failure) is always
retried; a timeout or 5xx only for calls that are safe to repeat.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from telegram._utils.types import ODVInput  # PTB's own type of these timeout arguments
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)
# Repeating these leaves the chat as it was; repeating sendMessage could post twice.
IDEMPOTENT = frozenset({
    "getMe", "getFile", "getUpdates", "getWebhookInfo", "setMyCommands", "deleteWebhook",
    "setWebhook", "answerCallbackQuery", "editMessageText", "editMessageReplyMarkup",
})
RETRY_STATUSES = frozenset({500, 502, 503, 504})
# httpx failures that happen before the request leaves: always safe to repeat.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
ODV = ODVInput[float]


class RetryingRequest(HTTPXRequest):
    def __init__(self, *, attempts: int = 4, backoff_seconds: float = 0.5,
                 httpx_kwargs: dict[str, Any] | None = None) -> None:
        super().__init__(connection_pool_size=64, read_timeout=15.0, write_timeout=15.0,
                         httpx_kwargs=httpx_kwargs)
        self._attempts = attempts
        self._backoff = backoff_seconds

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODV = BaseRequest.DEFAULT_NONE,
        write_timeout: ODV = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODV = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODV = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One Bot API call, repeated with exponential backoff while it may safely be."""
        safe = method == "GET" or url.rsplit("/", 1)[-1] in IDEMPOTENT  # GET = file download
        for attempt in range(1, self._attempts + 1):
            last = attempt == self._attempts
            try:
                code, payload = await super().do_request(
                    url, method, request_data, read_timeout, write_timeout, connect_timeout,
                    pool_timeout)
            except NetworkError as exc:
                never_sent = isinstance(exc.__cause__, NEVER_SENT)
                if last or not (never_sent or safe):
                    raise
                log.warning("telegram %s failed (%s), retry %d", _method(url), exc, attempt)
            else:
                if last or code not in RETRY_STATUSES or not safe:
                    return code, payload
                log.warning("telegram %s answered %d, retry %d", _method(url), code, attempt)
            await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
        raise TimedOut("unreachable")  # the loop always returns or raises on its last attempt


def _method(url: str) -> str:
    """The API method without the token that precedes it in the URL (never log the token)."""
    return url.rsplit("/", 1)[-1]
