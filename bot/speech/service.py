"""The Transcriber the dispatcher calls: check and decode the file, keep it, recognise it
within the timeout with retries, tidy the text. Built once by `build_transcriber`.

Audio refused by its checks (empty, corrupt, too big, too long) is not kept: no retry could
ever hear it. Audio that decodes is kept before recognition, so a failed, missing or
hung recogniser never loses the vendor's words (Unheard carries the kept path).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.speech import replies
from bot.speech.cleanup import clean_transcript
from bot.speech.keep import keep
from bot.speech.normalise import normalise
from bot.speech.pcm import Pcm
from bot.speech.probe import Limits
from bot.speech.recognisers.base import (
    Clip,
    Heard,
    NotConfigured,
    Recogniser,
    RecognitionFailed,
)
from bot.speech.recognisers.registry import build_recogniser
from handlers.messages import UserFacingError, VoiceInput
from handlers.voice import Transcriber, Transcript, Unheard

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
        """Text of the voice message; Unheard (kept) when recognition fails, and
        UserFacingError (not kept) for audio that cannot be heard at all."""
        # Decoding is CPU work in libavcodec; a thread keeps the event loop answering.
        pcm = await asyncio.to_thread(normalise, Path(voice.path), self._limits)
        stored = str(await asyncio.to_thread(keep, Path(voice.path), self._root, self._now()))
        try:
            heard = await self._recognise(Clip(pcm, tuple(hints), voice.platform_transcript))
        except _Failed as failed:
            if voice.platform_transcript and voice.platform_transcript.strip():
                # WeChat's own transcript beats a lost message; the card shows it to check.
                log.warning("using WeChat's Recognition after %s failed: %s",
                            self._recogniser.name, failed.reason)
                return Transcript(text=clean_transcript(voice.platform_transcript),
                                  recogniser="wechat", stored_path=stored,
                                  duration_seconds=pcm.duration_seconds,
                                  note=replies.platform_fallback(failed.short))
            raise Unheard(failed.message, stored_path=stored, reason=failed.reason,
                          duration_seconds=pcm.duration_seconds) from None
        return self._transcript(heard, pcm, stored)

    async def rehear(self, stored_path: Path, hints: Sequence[str]) -> Transcript:
        """A kept recording heard again (it was checked when it arrived)."""
        try:
            pcm = await asyncio.to_thread(normalise, stored_path, self._limits)
        except UserFacingError:
            raise Unheard(replies.GONE, stored_path=str(stored_path), reason="unreadable",
                          duration_seconds=Decimal(0)) from None
        try:
            heard = await self._recognise(Clip(pcm, tuple(hints)))
        except _Failed as failed:
            raise Unheard(failed.message, stored_path=str(stored_path), reason=failed.reason,
                          duration_seconds=pcm.duration_seconds) from None
        return self._transcript(heard, pcm, str(stored_path))

    @staticmethod
    def _transcript(heard: Heard, pcm: Pcm, stored: str) -> Transcript:
        return Transcript(text=clean_transcript(heard.text), recogniser=heard.recogniser,
                          duration_seconds=pcm.duration_seconds, stored_path=stored)

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
                raise _Failed("timeout", replies.TIMEOUT, "识别超时") from None
            except NotConfigured as exc:
                log.warning("speech recogniser %s is not configured: %s",
                            self._recogniser.name, exc)
                raise _Failed("not_configured", replies.NOT_CONFIGURED, "没有配置") from exc
            except RecognitionFailed as exc:
                if not exc.transient:
                    log.error("speech recogniser %s refused: %s", self._recogniser.name, exc)
                    raise _Failed("refused", replies.REFUSED, "服务拒绝") from exc
                if attempt == self._retries:
                    log.error("speech recogniser %s failed: %s", self._recogniser.name, exc)
                    raise _Failed("unavailable", replies.UNAVAILABLE, "服务连不上") from exc
                log.warning("speech recogniser %s failed, retrying: %s",
                            self._recogniser.name, exc)
                await asyncio.sleep(RETRY_BACKOFF_SECONDS * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")


class _Failed(Exception):
    """Recognition gave no text: `reason` is stored on the voice record, `message` told to
    the vendor, `short` names it in a fallback's note."""

    def __init__(self, reason: str, message: str, short: str) -> None:
        super().__init__(reason)
        self.reason, self.message, self.short = reason, message, short


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
