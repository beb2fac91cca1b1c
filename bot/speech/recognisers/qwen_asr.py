"""qwen3-asr-flash through DashScope's OpenAI-compatible chat endpoint.

The audio goes inline as a base64 data URL in an `input_audio` part (≤10 MB encoded, so a
60 s 16 kHz WAV at ~2.6 MB fits); hot words go in the system message, which Qwen-ASR reads
as context for biasing.
"""

from __future__ import annotations

import base64
from typing import Any

import httpx

from bot.speech.recognisers.base import Clip, Heard, RecognitionFailed, hint_text, transient_status

DEFAULT_BASE_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"


class QwenAsr:
    name = "qwen-asr"

    def __init__(self, base_url: str | None, model: str, api_key: str | None,
                 timeout: float) -> None:
        self._url = (base_url or DEFAULT_BASE_URL).rstrip("/") + "/chat/completions"
        self._model = model
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout

    async def recognise(self, clip: Clip) -> Heard:
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                resp = await client.post(self._url, json=self.body(clip), headers=self._headers)
        except httpx.TransportError as exc:
            raise RecognitionFailed(f"qwen-asr request failed: {exc!r}", transient=True) from exc
        if resp.status_code != 200:
            raise RecognitionFailed(f"qwen-asr answered {resp.status_code}",
                                    transient=transient_status(resp.status_code))
        try:
            text = resp.json()["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise RecognitionFailed("qwen-asr answer has no text", transient=False) from exc
        return Heard(text if isinstance(text, str) else "", self.name)

    def body(self, clip: Clip) -> dict[str, Any]:
        audio = base64.b64encode(clip.pcm.wav_bytes()).decode("ascii")
        context = f"常见名字和商品：{hint_text(clip.hints)}" if clip.hints else ""
        audio_part = {"type": "input_audio",
                      "input_audio": {"data": f"data:audio/wav;base64,{audio}"}}
        return {
            "model": self._model,
            "messages": [
                {"role": "system", "content": [{"type": "text", "text": context}]},
                {"role": "user", "content": [audio_part]},
            ],
            "stream": False,
            "asr_options": {"language": "zh"},
        }
