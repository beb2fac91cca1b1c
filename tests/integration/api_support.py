"""Helpers for the /api/v1 tests: an in-process client of the served app, and a login."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from bot.api.context import ApiContext
from bot.app import Runtime
from bot.server import build_app

PHONE = "13800138000"
OTHER_PHONE = "13900139000"


def client(rt: Runtime) -> httpx.AsyncClient:
    """The same Starlette app `ledgerbot serve` builds (API mounted at /api/v1)."""
    app = build_app(rt, [])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def send_code(c: httpx.AsyncClient, phone: str = PHONE, *, fresh: bool = True) -> str:
    """A code for the phone; `fresh` first lifts the once-a-minute limit (tests log in often)."""
    if fresh:
        ctx = api_context(c)
        await ctx.redis.delete(f"{ctx.config.storage.redis_prefix}:api:sent:{phone}")
    r = await c.post("/api/v1/auth/sendVerificationCode", json={"phone": phone})
    assert r.status_code == 200, r.text
    code: str = r.json()["data"]["code"]
    return code


async def login(c: httpx.AsyncClient, phone: str = PHONE) -> dict[str, str]:
    """Register the phone (first time) and return its Authorization header."""
    code = await send_code(c, phone)
    r = await c.post("/api/v1/auth/register", json={"phone": phone, "code": code})
    if r.status_code == 409:  # already registered: log in instead
        code = await send_code(c, phone)
        r = await c.post("/api/v1/auth/login", json={"phone": phone, "code": code})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['data']['token']}"}


def assert_error(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert body["code"] == status
    assert body["data"] is None
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], list)
    return body


def api_context(c: httpx.AsyncClient) -> ApiContext:
    """The ApiContext of the client's app (tests mint tokens with its TokenService)."""
    app = c._transport.app  # type: ignore[attr-defined]
    for route in app.routes:
        if isinstance(route, Mount) and route.path == "/api/v1":
            api = route.app
            assert isinstance(api, Starlette)  # FastAPI is one
            ctx: ApiContext = api.state.ctx
            return ctx
    raise AssertionError("no /api/v1 mount")
