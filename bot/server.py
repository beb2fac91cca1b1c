"""`ledgerbot serve`: one ASGI app (Starlette under uvicorn) for every webhook channel.

Each channel contributes routes and a start/stop pair; this module only composes them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

import uvicorn
import uvloop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from bot.app import Runtime, runtime
from bot.config import Config


class Channel(Protocol):
    routes: list[BaseRoute]

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def build_app(rt: Runtime, channels: Sequence[Channel]) -> Starlette:
    async def healthz(request: Request) -> JSONResponse:
        await rt.redis.ping()
        return JSONResponse({"ok": True})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for ch in channels:
            await ch.start()
        try:
            yield
        finally:
            for ch in reversed(channels):
                await ch.stop()

    routes: list[BaseRoute] = [Route("/healthz", healthz)]
    for ch in channels:
        routes += ch.routes
    return Starlette(routes=routes, lifespan=lifespan)


def build_channels(rt: Runtime) -> list[Channel]:
    """WeChat always (its settings say whether requests verify); Telegram when it has a token."""
    from bot.wechat import build_wechat_channel

    channels: list[Channel] = [build_wechat_channel(rt)]
    if rt.config.telegram.token is not None:
        from bot.telegram import build_webhook_channel

        channels.append(build_webhook_channel(rt))
    return channels


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    async def go() -> None:
        async with runtime(config, today=args.today) as rt:
            app = build_app(rt, build_channels(rt))
            server = uvicorn.Server(
                uvicorn.Config(
                    app, host=args.host, port=args.port, log_level="warning", lifespan="on"
                )
            )
            await server.serve()

    # uvloop: a faster event loop for many small webhook requests. uvicorn stops cleanly on
    # Ctrl-C and then re-raises the signal; that is a normal exit.
    with contextlib.suppress(KeyboardInterrupt), asyncio.Runner(
        loop_factory=uvloop.new_event_loop
    ) as runner:
        runner.run(go())
    return 0
