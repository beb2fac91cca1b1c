"""OpenAI-compatible transcription: multipart POST <base>/audio/transcriptions, {"text": ...}.

Any Whisper-style server (OpenAI, vLLM, faster-whisper-server, SiliconFlow…) speaks this.
"""

from __future__ import annotations

import httpx

from bot.speech.recognisers.base import Clip, Heard, RecognitionFailed, hint_text, transient_status


class OpenAITranscription:
    name = "openai-compatible"

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout: float) -> None:
        self._url = base_url.rstrip("/") + "/audio/transcriptions"
        self._model = model
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout

    async def recognise(self, clip: Clip) -> Heard:
        form = {"model": self._model, "language": "zh", "response_format": "json"}
        if clip.hints:
            form["prompt"] = hint_text(clip.hints)  # Whisper biases spelling toward the prompt
        files = {"file": ("voice.wav", clip.pcm.wav_bytes(), "audio/wav")}
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                resp = await client.post(self._url, data=form, files=files,
                                         headers=self._headers)
        except httpx.TransportError as exc:
            raise RecognitionFailed(f"transcription request failed: {exc!r}",
                                    transient=True) from exc
        if resp.status_code != 200:
            raise RecognitionFailed(f"transcription answered {resp.status_code}",
                                    transient=transient_status(resp.status_code))
        text = resp.json().get("text")
        if not isinstance(text, str):
            raise RecognitionFailed("transcription answer has no text", transient=False)
        return Heard(text, self.name)
