"""Shared machinery for the local recogniser stand-ins: an aiohttp app served on 127.0.0.1 from
its own thread (so blocking SDKs and `ledgerbot` subprocesses can reach it while the test
waits), plus the audio checks every stand-in applies to what it receives.
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
import wave
from array import array
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

from aiohttp import web

TRANSCRIPT = "嗯，卖给老李五千盆千叶，一共一万。"


@dataclass
class Exchange:
    """What a stand-in saw: for the test to assert on after the call."""

    problems: list[str] = field(default_factory=list)
    audio_seconds: list[float] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    calls: int = 0


def check_pcm(pcm: bytes, seen: Exchange, *, rate: int = 16000) -> None:
    """16-bit mono PCM that is long enough and not silence (a wrong rate or format sounds
    like noise or silence to the real service, so the stand-in refuses it too)."""
    if len(pcm) % 2:
        seen.problems.append(f"odd PCM length {len(pcm)}")
        return
    samples = array("h", pcm)
    seconds = len(samples) / rate
    seen.audio_seconds.append(seconds)
    if seconds < 0.5:
        seen.problems.append(f"only {seconds:.2f}s of audio")
    rms = math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))
    if rms < 100:
        seen.problems.append(f"audio is near silence (rms {rms:.0f})")


def check_wav(data: bytes, seen: Exchange) -> None:
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            shape = (w.getframerate(), w.getnchannels(), w.getsampwidth())
            pcm = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        seen.problems.append(f"not a WAV file: {exc}")
        return
    if shape != (16000, 1, 2):
        seen.problems.append(f"WAV is {shape}, expected 16 kHz mono 16-bit")
    check_pcm(pcm, seen)


class StandIn:
    """Serve `build_app()` on an ephemeral 127.0.0.1 port until the with-block ends.

    Subclasses name their URL with `scheme` and `base_path`, answer `transcript` after
    `delay` seconds (a delay past the client's timeout plays a hung service) and note
    what they saw in `seen`.
    """

    scheme = "http"
    base_path = ""

    def __init__(self, transcript: str = TRANSCRIPT, delay: float = 0.0) -> None:
        self.transcript, self.delay = transcript, delay
        self.seen = Exchange()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    def __enter__(self) -> Self:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.build_app(), shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        # A handler still sleeping out `delay` (the hung-service case) is cancelled, not
        # left pending when the loop closes.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def build_app(self) -> web.Application:
        raise NotImplementedError

    @property
    def origin(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What the bot's config (or DASHSCOPE_WEBSOCKET_BASE_URL) points at."""
        return f"{self.scheme}://{self.origin}{self.base_path}"
