"""A body-size limit on every HTTP route of `ledgerbot serve`, before any handler reads it.

Webhook bodies are a few hundred bytes and API calls a few kilobytes; only a voice upload
is large. A body announced larger than its route's limit is refused at once, and one that
grows past it while streaming (no Content-Length, or a lying one) is cut off there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 256 * 1024
# Multipart framing around an uploaded file: boundaries, headers and the small fields.
MULTIPART_OVERHEAD = 64 * 1024
Refusal = Callable[[str, int], Response]  # (path, its limit) -> the 413 answer


def plain_refusal(path: str, limit: int) -> Response:
    return PlainTextResponse("请求太大了，没有处理。", status_code=413)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """`limits`: the largest body per path prefix (the longest matching prefix wins);
    every other path gets `default`. `refusal` words the 413 (the API has its envelope)."""

    def __init__(self, app: ASGIApp, *, limits: Mapping[str, int],
                 default: int = DEFAULT_MAX_BODY_BYTES,
                 refusal: Refusal = plain_refusal) -> None:
        self._app, self._default, self._refusal = app, default, refusal
        self._limits = sorted(limits.items(), key=lambda kv: -len(kv[0]))

    def _limit(self, path: str) -> int:
        return next((n for prefix, n in self._limits if path.startswith(prefix)), self._default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        path = scope["path"]
        limit = self._limit(path)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await self._refusal(path, limit)(scope, receive, send)
            return
        seen, over, started = 0, False, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over:  # the handler's answer to a body it never got whole: ours goes out
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self._app(scope, counted, guarded)
        if over and not started:
            await self._refusal(path, limit)(scope, receive, send)
