"""The /api/v1 FastAPI app, mounted inside `ledgerbot serve`'s Starlette app.

`build_api(rt)` is called from the outer app's lifespan, after the runtime exists: a
mounted app's own lifespan is never run, so the API keeps no start-up of its own.
"""

from __future__ import annotations

from fastapi import FastAPI, Response

from bot.api import accounting, auth, transactions, users, voice
from bot.api.context import build_context
from bot.api.responses import error_response, install_error_handlers
from bot.api.sms import CodeSender
from bot.app import Runtime

PREFIX = "/api/v1"


def too_large(path: str, limit: int) -> Response:
    """The body limit's answer on API paths (bot/limits.py), in the API's envelope."""
    return error_response(413, f"上传的文件太大了（最大 {limit // 1048576} MB）"
                          if path.endswith("/voice") else "请求太大了")


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
    for module in (auth, users, transactions, accounting, voice):
        api.include_router(module.router)
    return api
