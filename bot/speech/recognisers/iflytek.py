"""iFlytek IAT (语音听写) streaming WebAPI over a signed websocket.

Raw 16 kHz PCM goes in base64 JSON frames with status 0/1/2 (first/middle/last); results
come back as word lists until a message with data.status == 2.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import websockets

from bot.speech.pcm import Pcm
from bot.speech.recognisers.base import Clip, Heard, RecognitionFailed
from bot.speech.recognisers.iflytek_sign import signed_url

DEFAULT_BASE_URL = "wss://iat-api.xfyun.cn/v2/iat"
# The doc paces 1280 bytes (40 ms) per 40 ms; a stored file goes 5x faster (200 ms of audio
# every 40 ms) so a 60 s message takes ~12 s, inside the default 15 s timeout.
FRAME_BYTES = 6400
FRAME_INTERVAL = 0.04
AUDIO_FORMAT = "audio/L16;rate=16000"
# Codes the doc lists as server-side trouble (engine busy/errors), worth one more try.
TRANSIENT_CODES = {10700, 11200, 11201, 10800}


class IflytekIat:
    name = "iflytek"

    def __init__(self, base_url: str | None, app_id: str, api_key: str, api_secret: str,
                 timeout: float) -> None:
        self._base = base_url or DEFAULT_BASE_URL
        self._app_id, self._key, self._secret = app_id, api_key, api_secret
        self._timeout = timeout

    async def recognise(self, clip: Clip) -> Heard:
        url = signed_url(self._base, self._key, self._secret, time.time())
        try:
            async with websockets.connect(url, open_timeout=self._timeout,
                                          max_size=2**22) as ws:
                sender = asyncio.create_task(self._send(ws, clip.pcm))
                try:
                    text = await _receive(ws)
                finally:
                    sender.cancel()
        except (OSError, websockets.WebSocketException) as exc:
            transient = not isinstance(exc, websockets.InvalidStatus) or (
                exc.response.status_code >= 500)
            raise RecognitionFailed(f"iflytek connection failed: {exc!r}",
                                    transient=transient) from exc
        return Heard(text, self.name)

    async def _send(self, ws: websockets.ClientConnection, pcm: Pcm) -> None:
        for frame in self.frames(pcm):
            await ws.send(json.dumps(frame))
            await asyncio.sleep(FRAME_INTERVAL)

    def frames(self, pcm: Pcm) -> Iterator[dict[str, Any]]:
        """The JSON frames for one clip: common/business only in the first."""
        chunks = [pcm.data[i : i + FRAME_BYTES] for i in range(0, len(pcm.data), FRAME_BYTES)]
        for index, chunk in enumerate(chunks):
            data = {"status": 0 if index == 0 else 1, "format": AUDIO_FORMAT,
                    "encoding": "raw", "audio": base64.b64encode(chunk).decode("ascii")}
            frame: dict[str, Any] = {"data": data}
            if index == 0:
                frame["common"] = {"app_id": self._app_id}
                # vad_eos at its maximum: a pause in a recorded message must not end it early.
                frame["business"] = {"language": "zh_cn", "domain": "iat",
                                     "accent": "mandarin", "vad_eos": 10000}
            yield frame
        yield {"data": {"status": 2, "format": AUDIO_FORMAT, "encoding": "raw", "audio": ""}}


async def _receive(ws: websockets.ClientConnection) -> str:
    words: list[str] = []
    async for raw in ws:
        msg = json.loads(raw)
        code = msg.get("code", -1)
        if code != 0:
            raise RecognitionFailed(f"iflytek error {code}: {msg.get('message')}",
                                    transient=code in TRANSIENT_CODES)
        data = msg.get("data") or {}
        for ws_item in (data.get("result") or {}).get("ws", []):
            words.append(ws_item["cw"][0]["w"])
        if data.get("status") == 2:
            return "".join(words)
    raise RecognitionFailed("iflytek closed before the last result", transient=True)
