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
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Protocol

import uvicorn
import uvloop
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from bot.app import Runtime, resolve_servers, runtime
from bot.config import Config, ConfigError, check_api_config, check_files_config, load_config
from bot.health import Check, healthz, readiness_checks, readyz
from bot.limits import MULTIPART_OVERHEAD, BodyLimit, plain_refusal
from bot.metrics import (
    HttpMetrics,
    TraceRequests,
    metrics_endpoint,
    prepare_multiprocess,
    route_family,
)
from bot.settings import data_dir, telegram_settings, wechat_settings
from storage import db


class Channel(Protocol):
    routes: list[BaseRoute]

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def build_app(rt: Runtime, channels: Sequence[Channel],
              checks: Mapping[str, Check] | None = None) -> Starlette:
    """`checks`: what /readyz asks (default: PostgreSQL and Redis)."""

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

    ready = readyz(readiness_checks(rt) if checks is None else checks)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", ready),
        Route("/metrics", metrics_endpoint),
        Mount(PREFIX, app=build_api(rt)),
    ]
    for ch in channels:
        routes += ch.routes
    return Starlette(routes=routes, lifespan=lifespan, middleware=[body_limit(rt.config)])


def body_limit(config: Config) -> Middleware:
    """Every route's body limit; only the API's voice upload may be large (and the handler
    still stops reading the file itself at speech.max_bytes)."""
    from bot.api.app import PREFIX, too_large

    voice = config.speech.max_bytes + MULTIPART_OVERHEAD

    def refusal(path: str, limit: int) -> Response:
        return too_large(path, limit) if path.startswith(PREFIX) else plain_refusal(path, limit)

    return Middleware(BodyLimit, limits={f"{PREFIX}/accounting/voice": voice}, refusal=refusal)


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

    # The inner app's routes move into this one, its middleware does not: set it here too.
    return Starlette(
        lifespan=lifespan,
        middleware=[
            Middleware(HttpMetrics, route_of=route_family),
            Middleware(TraceRequests),
            body_limit(config),
        ],
    )


def create_app() -> Starlette:
    """uvicorn's factory for `serve --workers N`: each worker reads the same environment
    and, being a fresh process, sets up its own log lines."""
    from bot.logs import configure

    config = load_config()
    configure(config.app.log_level, config.app.log_format)
    return serving_app(config)


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    if args.today:
        config = config.model_copy(
            update={"app": config.app.model_copy(update={"today": args.today})}
        )
    # Refuse an unsafe setup (weak JWT or download-link secret, console SMS in production)
    # before any server starts, with the configuration error's exit code.
    try:
        check_api_config(config)
        check_files_config(config)
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
        # Every worker counts into this directory; /metrics in any worker sums them all.
        prepare_multiprocess(data_dir(config) / "metrics" / str(os.getpid()))
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
