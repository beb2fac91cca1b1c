"""Paraformer realtime through the dashscope SDK's `Recognition` (websocket duplex task).

`Recognition.call` blocks and takes a file path, so it runs in a worker thread on a
temporary raw-PCM file. The endpoint is chosen per call with `base_address`: dashscope 1.27
reads DASHSCOPE_WEBSOCKET_BASE_URL only once, when the package is imported, and a per-call
address avoids mutating the module-global `dashscope.base_websocket_api_url`.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from typing import Any

from bot.speech.pcm import Pcm
from bot.speech.recognisers.base import Clip, Heard, RecognitionFailed, transient_status


class DashScopeRealtime:
    name = "dashscope"

    def __init__(self, base_url: str | None, model: str, api_key: str | None,
                 timeout: float) -> None:
        self._base_url = base_url
        self._model = model
        self._api_key = api_key
        # The SDK's own timeout sits a little past ours, so ours decides and the worker
        # thread still ends on its own shortly after an abandoned call.
        self._sdk_timeout = timeout + 2

    async def recognise(self, clip: Clip) -> Heard:
        # Paraformer takes hot words only as a vocabulary_id made beforehand through the
        # customization API, not inline, so clip.hints are not sent.
        text = await asyncio.to_thread(self._call, clip.pcm)
        return Heard(text, self.name)

    def _call(self, pcm: Pcm) -> str:
        from dashscope.audio.asr import Recognition, RecognitionCallback
        from dashscope.common.error import DashScopeException

        with tempfile.NamedTemporaryFile(suffix=".pcm", delete=False) as f:
            f.write(pcm.data)
        try:
            # call() returns the whole result; the callback is only for start()/stop() streams.
            recognition = Recognition(model=self._model, callback=RecognitionCallback(),
                                      format="pcm", sample_rate=pcm.rate)
            result = recognition.call(f.name, request_timeout=self._sdk_timeout,
                                      **self._endpoint())
        except DashScopeException as exc:  # e.g. no API key anywhere
            raise RecognitionFailed(f"dashscope refused the call: {exc!r}",
                                    transient=False) from exc
        finally:
            os.unlink(f.name)
        if result.status_code != 200:
            # -1 is the SDK's "could not connect / unexpected error"; 44 a failed task.
            raise RecognitionFailed(
                f"dashscope answered {result.status_code} {result.code}: {result.message}",
                transient=result.status_code == -1 or transient_status(result.status_code))
        return _sentences_text(result.get_sentence())

    def _endpoint(self) -> dict[str, Any]:
        endpoint: dict[str, Any] = {}
        if self._base_url:
            endpoint["base_address"] = self._base_url
        if self._api_key:
            endpoint["api_key"] = self._api_key  # else the SDK reads DASHSCOPE_API_KEY
        return endpoint


def _sentences_text(sentences: Any) -> str:
    if isinstance(sentences, dict):
        sentences = [sentences]
    return "".join(s.get("text", "") for s in sentences or [] if isinstance(s, dict))
