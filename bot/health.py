"""`/healthz` says the process is alive; `/readyz` says whether it can do its work now.

A load balancer keeps sending to a live process, but routes around one whose PostgreSQL,
Redis or broker is unreachable. Each check is bounded, so a blackholed dependency makes
the answer 503 within seconds instead of hanging the probe.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from bot.app import Runtime

Check = Callable[[], Awaitable[object]]
CHECK_TIMEOUT_SECONDS = 2.0


def readiness_checks(rt: Runtime) -> dict[str, Check]:
    """What `/readyz` asks. The queue's broker adds its own entry ("broker") here."""

    async def postgresql() -> None:
        async with rt.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def redis() -> None:
        await rt.redis.ping()

    return {"postgresql": postgresql, "redis": redis}


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def readyz(checks: Mapping[str, Check]) -> Callable[[Request], Awaitable[JSONResponse]]:
    async def route(request: Request) -> JSONResponse:
        names = list(checks)
        results = await asyncio.gather(*(_run(checks[n]) for n in names))
        report = dict(zip(names, results, strict=True))
        ok = all(r == "ok" for r in results)
        return JSONResponse({"ok": ok, "checks": report}, status_code=200 if ok else 503)

    return route


async def _run(check: Check) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await check()
    except TimeoutError:
        return "timeout"
    except Exception as exc:  # any failure means "not ready"; its class says which
        return f"down: {type(exc).__name__}"
    return "ok"
