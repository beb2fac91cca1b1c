"""The /api/v1 FastAPI app, mounted inside `ledgerbot serve`'s Starlette app.

`build_api(rt)` is called from the outer app's lifespan, after the runtime exists: a
mounted app's own lifespan is never run, so the API keeps no start-up of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from bot.api import accounting, auth, transactions, users, voice
from bot.api.context import build_context
from bot.api.responses import error_response, install_error_handlers
from bot.api.sms import CodeSender
from bot.app import Runtime

PREFIX = "/api/v1"
# Multipart framing around the file: boundaries, headers and the `duration` field.
MULTIPART_OVERHEAD = 64 * 1024
Next = Callable[[Request], Awaitable[Response]]


def refuse_oversized_uploads(max_bytes: int) -> Callable[[Request, Next], Awaitable[Response]]:
    """Refuse a body announced larger than a voice file may be before it is read: FastAPI
    would otherwise receive and spool all of it while parsing the form. (A chunked body
    without Content-Length is still cut off at `max_bytes` by the handler.)"""

    async def middleware(request: Request, call_next: Next) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes + MULTIPART_OVERHEAD:
            return error_response(413, f"上传的文件太大了（最大 {max_bytes // 1048576} MB）")
        return await call_next(request)

    return middleware


def build_api(rt: Runtime, *, sender: CodeSender | None = None) -> FastAPI:
    api = FastAPI(
        title="好生意记账本 API",
        version="1.0.0",
        description="手机号登录后记账、查账、改账；文字和语音智能记账与聊天用同一个解析器。",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    api.state.ctx = build_context(rt, sender)
    install_error_handlers(api)
    api.middleware("http")(refuse_oversized_uploads(rt.config.speech.max_bytes))
    for module in (auth, users, transactions, accounting, voice):
        api.include_router(module.router)
    return api
