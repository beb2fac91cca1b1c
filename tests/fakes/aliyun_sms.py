"""A local stand-in of Aliyun's SMS RPC endpoint: it checks the signature (v1, HMAC-SHA1)
with the test secret and answers like dysmsapi.aliyuncs.com."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from bot.api.sms import rpc_signature
from tests.fakes.asr_base import StandIn

KEY_ID = "LTAI-test-key"
SECRET = "test-secret-for-the-stand-in"


class AliyunSmsStandIn(StandIn):
    def __init__(self, *, answer_code: str = "OK", delay: float = 0.0) -> None:
        super().__init__("", delay)
        self.answer_code = answer_code
        self.sent: list[dict[str, Any]] = []

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/", self._rpc)
        return app

    async def _rpc(self, request: web.Request) -> web.Response:
        self.seen.calls += 1
        params = dict(request.query)
        signature = params.pop("Signature", "")
        if params.get("AccessKeyId") != KEY_ID or signature != rpc_signature(params, SECRET):
            self.seen.problems.append("bad signature")
            return web.json_response(
                {"Code": "SignatureDoesNotMatch", "Message": "bad signature"}, status=400
            )
        await asyncio.sleep(self.delay)
        self.sent.append(params)
        return web.json_response(
            {"Code": self.answer_code, "Message": self.answer_code, "BizId": "1",
             "RequestId": "req-1"}
        )
