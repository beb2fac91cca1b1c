"""The WeChat access token, cached in Redis and shared by every worker process.

WeChat issues a new token on every fetch and keeps the previous one alive for only about
five minutes, so workers must not refetch independently: one refresher at a time holds a
Redis lock, the others keep using the still-valid token or wait briefly for the new one.
wechatpy hard-codes the token URL, so the fetch is done here with httpx against the
configured API base URL.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

import httpx
from redis.asyncio import Redis

log = logging.getLogger(__name__)

REFRESH_MARGIN_SECONDS = 300  # refresh this long before expiry: WeChat's own overlap window
LOCK_SECONDS = 15
WAIT_STEP_SECONDS = 0.1
# Deletes a key only if it still holds the caller's value (lock release, stale-token drop).
_COMPARE_AND_DELETE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class TokenError(Exception):
    """WeChat refused to issue a token (bad AppID/secret, IP not whitelisted, ...)."""


class TokenKeeper:
    def __init__(self, redis: Redis, http: httpx.AsyncClient, *, api_base_url: str,
                 app_id: str, app_secret: str, prefix: str) -> None:
        self._redis, self._http = redis, http
        self._url = api_base_url.rstrip("/") + "/token"
        self._app_id, self._secret = app_id, app_secret
        self._key = f"{prefix}:wechat:token:{app_id}"
        self._lock_key = f"{self._key}:lock"

    async def get(self) -> str:
        """A token valid for at least a few more minutes (or the last valid one while
        another worker refreshes it)."""
        cached = await self._cached()
        if cached is not None and cached[1] - time.time() > REFRESH_MARGIN_SECONDS:
            return cached[0]
        return await self._refresh(still_valid=cached[0] if cached else None)

    async def invalidate(self, bad_token: str) -> None:
        """Drop a token WeChat rejected (40001/42001), unless another worker already
        replaced it."""
        cached = await self._redis.get(self._key)
        if cached is not None and json.loads(cached)["token"] == bad_token:
            await self._redis.eval(_COMPARE_AND_DELETE, 1, self._key, cached)

    async def _cached(self) -> tuple[str, float] | None:
        raw = await self._redis.get(self._key)
        if raw is None:
            return None
        data = json.loads(raw)
        return data["token"], float(data["expires_at"])

    async def _refresh(self, still_valid: str | None) -> str:
        me = uuid.uuid4().hex
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            if await self._redis.set(self._lock_key, me, nx=True, ex=LOCK_SECONDS):
                try:
                    # Another worker may have refreshed between our read and the lock.
                    cached = await self._cached()
                    if cached is not None and cached[1] - time.time() > REFRESH_MARGIN_SECONDS:
                        return cached[0]
                    return await self._fetch()
                finally:
                    await self._redis.eval(_COMPARE_AND_DELETE, 1, self._lock_key, me)
            if still_valid is not None:
                return still_valid  # someone is refreshing; the old token still works
            if time.monotonic() > deadline:
                raise TokenError("timed out waiting for another worker's token refresh")
            await asyncio.sleep(WAIT_STEP_SECONDS)
            cached = await self._cached()
            if cached is not None:
                return cached[0]

    async def _fetch(self) -> str:
        params = {"grant_type": "client_credential", "appid": self._app_id,
                  "secret": self._secret}
        try:
            resp = await self._http.get(self._url, params=params)
            resp.raise_for_status()
            data = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TokenError(f"token request failed: {exc}") from exc
        if not isinstance(data, dict) or not data.get("access_token"):
            raise TokenError(f"token refused: {data}")
        expires_in = int(data.get("expires_in") or 7200)
        value = json.dumps({"token": data["access_token"], "expires_at": time.time() + expires_in})
        await self._redis.set(self._key, value, ex=expires_in)
        log.info("fetched a new WeChat access token (expires in %ss)", expires_in)
        return str(data["access_token"])
