"""The Transcriber the dispatcher calls: check and decode the file, recognise it within the
timeout with retries, tidy the text, keep the file. Built once by `build_transcriber`.

Nothing is kept when any step fails, so a refused or unheard message leaves no file.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.speech import replies
from bot.speech.cleanup import clean_transcript
from bot.speech.keep import keep
from bot.speech.normalise import normalise
from bot.speech.probe import Limits
from bot.speech.recognisers.base import Clip, Heard, NothingToHear, Recogniser, RecognitionFailed
from bot.speech.recognisers.registry import build_recogniser
from handlers.messages import UserFacingError, VoiceInput
from handlers.voice import Transcriber, Transcript

log = logging.getLogger(__name__)
RETRY_BACKOFF_SECONDS = 0.5


class SpeechService:
    def __init__(self, recogniser: Recogniser, *, limits: Limits, audio_root: Path,
                 timeout_seconds: float, max_retries: int,
                 now: Callable[[], dt.datetime]) -> None:
        self._recogniser = recogniser
        self._limits = limits
        self._root = audio_root
        self._timeout = timeout_seconds
        self._retries = max_retries
        self._now = now

    @property
    def recogniser(self) -> Recogniser:
        return self._recogniser

    @property
    def audio_root(self) -> Path:
        """Where heard voice messages are kept."""
        return self._root

    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        """Text of the voice message; UserFacingError for audio it cannot hear."""
        # Decoding is CPU work in libavcodec; a thread keeps the event loop answering.
        pcm = await asyncio.to_thread(normalise, Path(voice.path), self._limits)
        heard = await self._recognise(Clip(pcm, tuple(hints), voice.platform_transcript))
        stored = await asyncio.to_thread(keep, Path(voice.path), self._root, self._now())
        return Transcript(text=clean_transcript(heard.text), recogniser=heard.recogniser,
                          duration_seconds=pcm.duration_seconds, stored_path=str(stored))

    async def _recognise(self, clip: Clip) -> Heard:
        for attempt in range(self._retries + 1):
            try:
                async with asyncio.timeout(self._timeout):
                    return await self._recogniser.recognise(clip)
            except TimeoutError:
                # No retry after a timeout: the user is already waiting a full timeout, and a
                # recogniser that hung once is likely to hang again.
                log.warning("speech recogniser %s timed out after %.1fs",
                            self._recogniser.name, self._timeout)
                raise UserFacingError(replies.TIMEOUT) from None
            except NothingToHear as exc:
                raise UserFacingError(replies.NOT_HEARD) from exc
            except RecognitionFailed as exc:
                if not exc.transient or attempt == self._retries:
                    log.error("speech recogniser %s failed: %s", self._recogniser.name, exc)
                    raise UserFacingError(replies.UNAVAILABLE) from exc
                log.warning("speech recogniser %s failed, retrying: %s",
                            self._recogniser.name, exc)
                await asyncio.sleep(RETRY_BACKOFF_SECONDS * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")


def build_transcriber(config: Config, data_dir: Path) -> Transcriber:
    """The configured speech service; ConfigError if its provider cannot work."""
    s = config.speech
    zone = ZoneInfo(config.app.timezone)
    return SpeechService(
        build_recogniser(s),
        limits=Limits(max_bytes=s.max_bytes, max_seconds=s.max_duration_seconds),
        audio_root=s.audio_dir or data_dir / "voice",
        timeout_seconds=s.timeout_seconds,
        max_retries=s.max_retries,
        now=lambda: dt.datetime.now(zone),
    )
