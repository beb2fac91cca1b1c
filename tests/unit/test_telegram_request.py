"""RetryingRequest: network errors retried with backoff, but never in a way that could post
the same chat message twice."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from telegram.error import TimedOut

from bot.telegram.request import RetryingRequest

BASE = "http://api.test/bot1:T"


def request_with(answers: list[Callable[[httpx.Request], httpx.Response]]) -> tuple[
        RetryingRequest, list[str]]:
    """A request whose transport plays `answers` in turn; records the paths it was asked."""
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return answers[len(seen) - 1](request)

    transport = httpx.MockTransport(handle)
    return RetryingRequest(backoff_seconds=0.001, httpx_kwargs={"transport": transport}), seen


def ok(_: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"ok": True, "result": True})


def status(code: int) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: httpx.Response(code, json={"ok": False, "error_code": code})


def raises(exc: type[httpx.RequestError]) -> Callable[[httpx.Request], httpx.Response]:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc("boom", request=request)

    return fail


async def call(req: RetryingRequest, method: str) -> int:
    await req.initialize()
    try:
        code, _ = await req.do_request(f"{BASE}/{method}", "POST")
        return code
    finally:
        await req.shutdown()


async def test_connect_errors_are_retried_even_for_send_message() -> None:
    req, seen = request_with([raises(httpx.ConnectError), raises(httpx.ConnectError), ok])
    assert await call(req, "sendMessage") == 200
    assert len(seen) == 3


async def test_bad_gateway_is_retried_for_safe_calls_only() -> None:
    req, seen = request_with([status(502), ok])
    assert await call(req, "getMe") == 200 and len(seen) == 2
    req, seen = request_with([status(502), ok])
    assert await call(req, "sendMessage") == 502 and len(seen) == 1


async def test_read_timeout_is_not_retried_for_send_message() -> None:
    req, seen = request_with([raises(httpx.ReadTimeout), ok])
    with pytest.raises(TimedOut):
        await call(req, "sendMessage")
    assert len(seen) == 1


async def test_read_timeout_is_retried_for_get_file_until_attempts_run_out() -> None:
    req, seen = request_with([raises(httpx.ReadTimeout)] * 4)
    with pytest.raises(TimedOut):
        await call(req, "getFile")
    assert len(seen) == 4
