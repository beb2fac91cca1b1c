"""The access token: one fetch shared by every worker, through the configurable base URL,
refreshed before expiry, replaced once when WeChat rejects it."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from bot.wechat.access_token import REFRESH_MARGIN_SECONDS, TokenError, TokenKeeper
from bot.wechat.api import _Client
from tests.fakes.wechat_api import FakeWeChatApi

pytestmark = pytest.mark.integration


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    r = Redis.from_url(redis_url)
    try:
        yield r
    finally:
        await r.aclose()


def keeper(redis: Redis, http: httpx.AsyncClient, api: FakeWeChatApi, prefix: str,
           secret: str | None = None) -> TokenKeeper:
    return TokenKeeper(redis, http, api_base_url=api.base_url, app_id=api.app_id,
                       app_secret=secret or api.app_secret, prefix=prefix)


async def test_many_workers_fetch_the_token_once(redis: Redis, redis_prefix: str,
                                                 fake_api: FakeWeChatApi) -> None:
    async with httpx.AsyncClient() as http:
        workers = [keeper(redis, http, fake_api, redis_prefix) for _ in range(4)]
        tokens = await asyncio.gather(*(w.get() for w in workers for _ in range(25)))
    assert set(tokens) == {"FAKE-TOKEN-1"}
    assert len(fake_api.token_requests) == 1
    assert fake_api.token_requests[0]["grant_type"] == "client_credential"
    key = f"{redis_prefix}:wechat:token:{fake_api.app_id}"
    assert 7000 < await redis.ttl(key) <= 7200


async def test_token_is_refreshed_before_it_expires(redis: Redis, redis_prefix: str,
                                                    fake_api: FakeWeChatApi) -> None:
    async with httpx.AsyncClient() as http:
        k = keeper(redis, http, fake_api, redis_prefix)
        assert await k.get() == "FAKE-TOKEN-1"
        key = f"{redis_prefix}:wechat:token:{fake_api.app_id}"
        soon = time.time() + REFRESH_MARGIN_SECONDS - 10
        await redis.set(key, json.dumps({"token": "FAKE-TOKEN-1", "expires_at": soon}))
        assert await k.get() == "FAKE-TOKEN-2"
        assert await k.get() == "FAKE-TOKEN-2"
    assert len(fake_api.token_requests) == 2


async def test_invalidate_drops_only_the_rejected_token(redis: Redis, redis_prefix: str,
                                                        fake_api: FakeWeChatApi) -> None:
    async with httpx.AsyncClient() as http:
        k = keeper(redis, http, fake_api, redis_prefix)
        first = await k.get()
        await k.invalidate("SOME-OLDER-TOKEN")  # another worker already replaced that one
        assert await k.get() == first
        await k.invalidate(first)
        assert await k.get() == "FAKE-TOKEN-2"


async def test_refused_credentials_raise(redis: Redis, redis_prefix: str,
                                         fake_api: FakeWeChatApi) -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(TokenError):
            await keeper(redis, http, fake_api, redis_prefix, secret="wrong").get()


def test_wechatpy_client_token_url_follows_the_base_url(fake_api: FakeWeChatApi) -> None:
    client = _Client(fake_api.app_id, fake_api.app_secret)
    client.API_BASE_URL = fake_api.base_url
    assert client.access_token == "FAKE-TOKEN-1"
    assert len(fake_api.token_requests) == 1
