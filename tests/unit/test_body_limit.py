"""The body limit every route of `ledgerbot serve` sits behind."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from bot.limits import BodyLimit

READ: list[int] = []


async def echo(request: Request) -> PlainTextResponse:
    body = await request.body()
    READ.append(len(body))
    return PlainTextResponse(str(len(body)))


async def swallow(request: Request) -> PlainTextResponse:
    """A handler that catches every error while reading, as FastAPI's body parser does."""
    try:
        await request.body()
    except Exception:
        return PlainTextResponse("bad", status_code=400)
    return PlainTextResponse("ok")


APP = Starlette(routes=[Route("/small", echo, methods=["POST"]),
                        Route("/big", echo, methods=["POST"]),
                        Route("/swallow", swallow, methods=["POST"])],
                middleware=[Middleware(BodyLimit, limits={"/big": 1000}, default=100)])


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=APP), base_url="http://t")


async def chunks(n: int, size: int) -> AsyncIterator[bytes]:
    for _ in range(n):
        yield b"x" * size


async def test_each_path_has_its_limit() -> None:
    async with client() as c:
        assert (await c.post("/small", content=b"x" * 100)).text == "100"
        assert (await c.post("/small", content=b"x" * 101)).status_code == 413
        assert (await c.post("/big", content=b"x" * 1000)).text == "1000"
        assert (await c.post("/big", content=b"x" * 1001)).status_code == 413


async def test_a_streamed_body_without_length_is_cut_off_at_the_limit() -> None:
    READ.clear()
    async with client() as c:
        r = await c.post("/small", content=chunks(50, 10))  # chunked: no Content-Length
        assert r.status_code == 413 and "没有处理" in r.text
        assert READ == []  # the handler never got the body
        r = await c.post("/swallow", content=chunks(50, 10))
        assert r.status_code == 413  # the handler's own 400 does not go out instead
        assert (await c.post("/small", content=chunks(5, 10))).text == "50"
