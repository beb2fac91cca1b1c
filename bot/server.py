"""`ledgerbot serve`: one ASGI app (Starlette under uvicorn) for every webhook channel.

Each channel contributes routes and a start/stop pair; this module only composes them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import sys
from collections.abc import AsyncIterator, Sequence
from typing import Protocol

import uvicorn
import uvloop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route

from bot.app import Runtime, resolve_servers, runtime
from bot.config import Config, ConfigError, check_api_config, load_config
from bot.settings import telegram_settings, wechat_settings
from storage import db


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
        # Zero setup: the queue's workers run inside the server unless `ledgerbot worker`
        # processes run them (queue.embedded_workers: 0).
        if rt.config.queue.embedded_workers > 0:
            rt.queue.start_workers(rt, rt.config.queue.embedded_workers)
        try:
            yield
        finally:
            await rt.queue.stop()
            for ch in reversed(channels):
                await ch.stop()

    from bot.api.app import PREFIX, build_api

    routes: list[BaseRoute] = [Route("/healthz", healthz), Mount(PREFIX, app=build_api(rt))]
    for ch in channels:
        routes += ch.routes
    return Starlette(routes=routes, lifespan=lifespan)


def build_channels(rt: Runtime) -> list[Channel]:
    """WeChat always (its settings say whether requests verify); Telegram when it has a token."""
    from bot.wechat import build_wechat_channel

    channels: list[Channel] = [
        build_wechat_channel(wechat_settings(rt.config), rt.dispatcher, rt.redis, rt.queue)
    ]
    if rt.config.telegram.token is not None:
        from bot.telegram import build_webhook_channel

        channels.append(
            build_webhook_channel(telegram_settings(rt.config), rt.dispatcher, rt.redis)
        )
    return channels


def serving_app(config: Config) -> Starlette:
    """The app `ledgerbot serve` runs: its lifespan builds this process's runtime and
    channels, so every worker process has its own connections."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with runtime(config, warm=True) as rt:
            inner = build_app(rt, build_channels(rt))
            app.router.routes.extend(inner.routes)
            async with inner.router.lifespan_context(inner):
                yield

    return Starlette(lifespan=lifespan)


def create_app() -> Starlette:
    """uvicorn's factory for `serve --workers N`: each worker reads the same environment."""
    return serving_app(load_config())


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    if args.today:
        config = config.model_copy(
            update={"app": config.app.model_copy(update={"today": args.today})}
        )
    # Refuse an unsafe API setup (weak JWT secret, console SMS in production) before any
    # server starts, with the configuration error's exit code.
    try:
        check_api_config(config)
    except ConfigError as exc:
        print(f"配置错误 / configuration error: {exc}", file=sys.stderr)
        return 2
    # uvloop: a faster event loop for many small webhook requests. uvicorn stops cleanly on
    # Ctrl-C and then re-raises the signal; that is a normal exit.
    with contextlib.suppress(KeyboardInterrupt):
        if args.workers > 1:
            _serve_workers(args, config)
        else:
            server = uvicorn.Server(
                uvicorn.Config(
                    serving_app(config), host=args.host, port=args.port, log_level="warning"
                )
            )
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                runner.run(server.serve())
    return 0


def _serve_workers(args: argparse.Namespace, config: Config) -> None:
    """Several processes on one port. The parent starts (or finds) the servers and migrates
    once; the workers get the resolved URLs and settings through the environment."""
    with resolve_servers(config) as urls:
        db.upgrade(urls.postgres)
        os.environ.update(DATABASE_URL=urls.postgres, REDIS_URL=urls.redis)
        if config.app.today:
            os.environ["LEDGERBOT_APP__TODAY"] = config.app.today.isoformat()
        if config.api.jwt_secret is None:
            # Development without a secret: one random secret for all workers, so a token
            # from one process is valid in the others.
            os.environ["LEDGERBOT_API__JWT_SECRET"] = secrets.token_urlsafe(48)
        uvicorn.run(
            "bot.server:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            loop="uvloop",
            log_level="warning",
        )
