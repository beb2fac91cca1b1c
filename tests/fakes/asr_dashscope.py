"""Stand-in for DashScope's inference websocket as the dashscope SDK's Recognition uses it:
run-task (JSON) → task-started, binary audio frames, finish-task → result-generated,
task-finished. It checks the bearer key, the task parameters and the audio itself."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.asr_base import TRANSCRIPT, StandIn, check_pcm

API_KEY = "sk-test-dashscope"
PATH = "/api-ws/v1/inference"


def _event(task_id: str, event: str, payload: dict[str, Any] | None = None,
           **extra: str) -> str:
    header = {"task_id": task_id, "event": event, "attributes": {}, **extra}
    return json.dumps({"header": header, "payload": payload or {}}, ensure_ascii=False)


class DashScopeStandIn(StandIn):
    """base_url is ws://<origin>/api-ws/v1/inference (what DASHSCOPE_WEBSOCKET_BASE_URL holds)."""

    scheme = "ws"
    base_path = PATH

    def __init__(self, transcript: str = TRANSCRIPT, delay: float = 0.0) -> None:
        super().__init__(transcript, delay)
        self.run_tasks: list[dict[str, Any]] = []

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(PATH, self._socket)
        return app

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        self.seen.calls += 1
        ws = web.WebSocketResponse()
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            self.seen.problems.append("missing or wrong bearer key")
            raise web.HTTPUnauthorized()
        await ws.prepare(request)
        start = json.loads((await ws.receive()).data)
        task_id = start["header"]["task_id"]
        problem = self._check_start(start)
        if problem:
            self.seen.problems.append(problem)
            await ws.send_str(_event(task_id, "task-failed", error_code="InvalidParameter",
                                     error_message=problem))
            await ws.close()
            return ws
        await asyncio.sleep(self.delay)  # a hung service: no task-started in time
        await ws.send_str(_event(task_id, "task-started"))
        audio = bytearray()
        async for msg in ws:
            if msg.type == WSMsgType.BINARY:
                audio += msg.data
            elif (msg.type == WSMsgType.TEXT
                  and json.loads(msg.data)["header"].get("action") == "finish-task"):
                break
        check_pcm(bytes(audio), self.seen)
        end_ms = len(audio) // 32
        sentence = {"begin_time": 0, "end_time": end_ms, "text": self.transcript, "words": []}
        await ws.send_str(_event(task_id, "result-generated", {
            "output": {"sentence": sentence}, "usage": {"duration": end_ms // 1000 + 1}}))
        await ws.send_str(_event(task_id, "task-finished", {"output": {}, "usage": None}))
        await ws.close()
        return ws

    def _check_start(self, start: dict[str, Any]) -> str | None:
        self.run_tasks.append(start)
        header, payload = start.get("header", {}), start.get("payload", {})
        params = payload.get("parameters", {})
        if header.get("action") != "run-task" or header.get("streaming") != "duplex":
            return f"expected a duplex run-task, got {header}"
        if payload.get("model") != "paraformer-realtime-v2":
            return f"unknown model {payload.get('model')!r}"
        task = (payload.get("task_group"), payload.get("task"), payload.get("function"))
        if task != ("audio", "asr", "recognition"):
            return f"wrong task {task}"
        if (params.get("format"), params.get("sample_rate")) != ("pcm", 16000):
            return f"audio declared as {params.get('format')}/{params.get('sample_rate')}"
        return None
