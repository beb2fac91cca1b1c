"""Stand-ins for the two HTTP recognisers: OpenAI-style multipart /audio/transcriptions and
qwen3-asr-flash's OpenAI-compatible /chat/completions with an input_audio data URL."""

from __future__ import annotations

import asyncio
import base64
import json

from aiohttp import web

from tests.fakes.asr_base import TRANSCRIPT, StandIn, check_wav

API_KEY = "sk-test-speech"
WAV_DATA_URL = "data:audio/wav;base64,"


class OpenAIStandIn(StandIn):
    """POST /v1/audio/transcriptions → {"text": ...}; base_url is <origin>/v1."""

    base_path = "/v1"

    def __init__(self, transcript: str = TRANSCRIPT, delay: float = 0.0,
                 fail_first: int = 0) -> None:
        super().__init__(transcript, delay)
        self.fail_first = fail_first

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/v1/audio/transcriptions", self._transcribe)
        return app

    async def _transcribe(self, request: web.Request) -> web.Response:
        self.seen.calls += 1
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            self.seen.problems.append("missing or wrong bearer key")
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        if self.seen.calls <= self.fail_first:
            return web.json_response({"error": {"message": "overloaded"}}, status=503)
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField) or form.get("model") != "whisper-1":
            self.seen.problems.append(f"bad form fields {sorted(form)}")
            return web.json_response({"error": {"message": "bad form"}}, status=400)
        check_wav(upload.file.read(), self.seen)
        self.seen.hints.append(str(form.get("prompt", "")))
        await asyncio.sleep(self.delay)
        return web.json_response({"text": self.transcript})


class QwenAsrStandIn(StandIn):
    """POST /compatible-mode/v1/chat/completions with one input_audio part."""

    base_path = "/compatible-mode/v1"

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/compatible-mode/v1/chat/completions", self._chat)
        return app

    async def _chat(self, request: web.Request) -> web.Response:
        self.seen.calls += 1
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            self.seen.problems.append("missing or wrong bearer key")
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        body = json.loads(await request.text())
        if body.get("model") != "qwen3-asr-flash":
            self.seen.problems.append(f"model {body.get('model')!r}")
        self._check_messages(body.get("messages") or [])
        await asyncio.sleep(self.delay)
        message = {"role": "assistant", "content": self.transcript,
                   "annotations": [{"type": "audio_info", "language": "zh", "emotion": "neutral"}]}
        return web.json_response({"id": "chatcmpl-test", "object": "chat.completion",
                                  "model": body.get("model"),
                                  "choices": [{"index": 0, "message": message,
                                               "finish_reason": "stop"}]})

    def _check_messages(self, messages: list[dict[str, object]]) -> None:
        parts = [p for m in messages if m.get("role") == "user"
                 for p in m.get("content") or [] if isinstance(p, dict)]  # type: ignore[attr-defined]
        audio = [p["input_audio"]["data"] for p in parts if p.get("type") == "input_audio"]
        if len(audio) != 1 or not audio[0].startswith(WAV_DATA_URL):
            self.seen.problems.append("expected one input_audio WAV data URL")
            return
        check_wav(base64.b64decode(audio[0][len(WAV_DATA_URL):]), self.seen)
        system = [p.get("text", "") for m in messages if m.get("role") == "system"
                  for p in m.get("content") or [] if isinstance(p, dict)]  # type: ignore[attr-defined]
        self.seen.hints.append("".join(system))
