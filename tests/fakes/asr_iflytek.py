"""Stand-in for iFlytek IAT (wss://iat-api.xfyun.cn/v2/iat): it verifies the HMAC-signed URL
the way the real gateway does (401 on a bad signature or a stale date), then the JSON
frames (app id, status 0/1/2, raw 16 kHz PCM) and answers with word lists."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from email.utils import parsedate_to_datetime
from typing import Any

from aiohttp import WSMsgType, web

from bot.speech.recognisers.iflytek_sign import signature
from tests.fakes.asr_base import StandIn, check_pcm

APP_ID = "5f000000"
API_KEY = "iflytek-test-key"
API_SECRET = "iflytek-test-secret"
PATH = "/v2/iat"


class IflytekStandIn(StandIn):
    scheme = "ws"
    base_path = PATH


    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(PATH, self._socket)
        return app

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        self.seen.calls += 1
        problem = _check_signature(request)
        if problem:
            self.seen.problems.append(problem)
            raise web.HTTPUnauthorized(text=json.dumps({"message": problem}))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        audio, sid, frames = bytearray(), "iat000test", 0
        async for msg in ws:
            frames += 1
            if msg.type != WSMsgType.TEXT:
                self.seen.problems.append("non-JSON frame")
                break
            frame = json.loads(msg.data)
            problem = self._check_frame(frame, first=frames == 1)
            if problem:
                self.seen.problems.append(problem)
                await ws.send_json({"code": 10165, "message": problem, "sid": sid})
                break
            audio += base64.b64decode(frame["data"]["audio"])
            if frame["data"]["status"] == 2:
                check_pcm(bytes(audio), self.seen)
                await asyncio.sleep(self.delay)
                await ws.send_json(self._result(sid), dumps=_dumps)
                break
        await ws.close()
        return ws

    def _check_frame(self, frame: dict[str, Any], *, first: bool) -> str | None:
        data = frame.get("data", {})
        if first and (frame.get("common", {}).get("app_id") != APP_ID
                      or frame.get("business", {}).get("language") != "zh_cn"):
            return "first frame lacks app_id or business.language"
        if data.get("status") not in (0, 1, 2):
            return f"bad status {data.get('status')}"
        if (data.get("format"), data.get("encoding")) != ("audio/L16;rate=16000", "raw"):
            return f"audio declared as {data.get('format')}/{data.get('encoding')}"
        return None

    def _result(self, sid: str) -> dict[str, Any]:
        words = [{"bg": 0, "cw": [{"sc": 0, "w": ch}]} for ch in self.transcript]
        return {"code": 0, "message": "success", "sid": sid,
                "data": {"status": 2, "result": {"sn": 1, "ls": True, "bg": 0, "ed": 0,
                                                 "ws": words}}}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _check_signature(request: web.Request) -> str | None:
    q = request.query
    if q.get("host") != request.host:
        return f"host {q.get('host')!r} is not {request.host!r}"
    try:
        age = abs(time.time() - parsedate_to_datetime(q["date"]).timestamp())
        auth = base64.b64decode(q["authorization"]).decode()
    except (KeyError, ValueError, TypeError):
        return "missing authorization or date"
    if age > 300:
        return f"date is {age:.0f}s off"
    expected = signature(API_SECRET, q["host"], q["date"], PATH)
    if f'api_key="{API_KEY}"' not in auth or f'signature="{expected}"' not in auth:
        return "HMAC signature does not match"
    return None
