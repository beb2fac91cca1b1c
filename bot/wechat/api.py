"""The few WeChat server APIs the bot calls: download a voice file, upload a chart as
temporary media, send a 客服消息 (text or image).

wechatpy's client is synchronous (requests), so every call runs in a worker thread; the
token comes from the shared TokenKeeper and a rejected token is dropped and retried once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from bot.wechat.access_token import TokenError, TokenKeeper

log = logging.getLogger(__name__)
T = TypeVar("T")
TOKEN_REJECTED = {40001, 40014, 42001}  # invalid credential / invalid token / token expired
OUT_OF_WINDOW = {45015, 45047}  # 48-hour window passed / per-window quota used up
HTTP_TIMEOUT_SECONDS = 10


class ApiError(Exception):
    """A WeChat API call failed; `errcode` is WeChat's code when it sent one."""

    def __init__(self, message: str, errcode: int | None = None) -> None:
        super().__init__(message)
        self.errcode = errcode


class _Client(WeChatClient):  # type: ignore[misc]
    """wechatpy's client pointed at a configurable API root, token fetch included.

    The channel never lets it fetch (tokens come from TokenKeeper and auto_retry is off);
    the override only keeps the hard-coded token URL from bypassing the base URL.
    """

    def fetch_access_token(self) -> dict[str, Any]:
        result: dict[str, Any] = self._fetch_access_token(
            url=f"{self.API_BASE_URL}token",
            params={"grant_type": "client_credential", "appid": self.appid,
                    "secret": self.secret},
        )
        return result


class WeChatApi:
    def __init__(self, tokens: TokenKeeper, *, app_id: str, app_secret: str,
                 api_base_url: str) -> None:
        self._tokens = tokens
        self._app_id, self._secret = app_id, app_secret
        self._base = api_base_url if api_base_url.endswith("/") else api_base_url + "/"

    async def download_media(self, media_id: str, dest: Path, *, max_bytes: int) -> Path:
        """Save a temporary media file (voice: AMR) to `dest`."""

        def call(client: _Client) -> bytes:
            content: bytes = client.media.download(media_id).content
            return content

        data = await self._call(call)
        if isinstance(data, bytes) and data.startswith(b"{"):
            raise ApiError(f"media/get answered JSON instead of audio: {data[:200]!r}")
        if len(data) > max_bytes:
            raise ApiError(f"voice file too large: {len(data)} bytes")
        dest.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(dest.write_bytes, data)
        return dest

    async def send_text(self, openid: str, content: str) -> None:
        await self._call(lambda client: client.message.send_text(openid, content))

    async def upload_image(self, filename: str, png: bytes) -> str:
        """Temporary media (kept 3 days by WeChat): its media_id."""

        def call(client: _Client) -> dict[str, Any]:
            answer: dict[str, Any] = client.media.upload("image", (filename, png, "image/png"))
            return answer

        media_id = (await self._call(call)).get("media_id")
        if not isinstance(media_id, str) or not media_id:
            raise ApiError("media/upload answered without a media_id")
        return media_id

    async def send_image(self, openid: str, media_id: str) -> None:
        await self._call(lambda client: client.message.send_image(openid, media_id))

    async def _call(self, fn: Callable[[_Client], T]) -> T:
        for attempt in (1, 2):
            try:
                token = await self._tokens.get()
            except TokenError as exc:
                raise ApiError(str(exc)) from exc
            try:
                return await asyncio.to_thread(self._run, fn, token)
            except WeChatClientException as exc:
                code = int(exc.errcode) if exc.errcode is not None else None
                if code in TOKEN_REJECTED and attempt == 1:
                    log.info("WeChat rejected the access token (%s); refreshing", code)
                    await self._tokens.invalidate(token)
                    continue
                raise ApiError(f"WeChat API error {code}: {exc.errmsg}", code) from exc
            except OSError as exc:  # requests' connection errors are OSErrors
                raise ApiError(f"WeChat API unreachable: {exc}") from exc
        raise AssertionError("unreachable")

    def _run(self, fn: Callable[[_Client], T], token: str) -> T:
        # A client per call: cheap, and no token or session state shared between threads.
        client = _Client(self._app_id, self._secret, access_token=token,
                         timeout=HTTP_TIMEOUT_SECONDS, auto_retry=False)
        client.API_BASE_URL = self._base
        return fn(client)
