"""WeChat's own recognition (the <Recognition> field): free and instant, but being retired
and often empty, so it is a fast path with an optional real recogniser behind it."""

from __future__ import annotations

from bot.speech.recognisers.base import Clip, Heard, NotConfigured, Recogniser


class WeChatRecognition:
    name = "wechat"

    def __init__(self, fallback: Recogniser | None) -> None:
        self._fallback = fallback

    @property
    def fallback(self) -> Recogniser | None:
        """The real recogniser used when WeChat sent no transcript."""
        return self._fallback

    async def recognise(self, clip: Clip) -> Heard:
        if clip.platform_transcript and clip.platform_transcript.strip():
            return Heard(clip.platform_transcript, self.name)
        if self._fallback is None:
            # Nothing will ever hear this without a real recogniser behind WeChat's.
            raise NotConfigured("WeChat sent no Recognition and speech.fallback_provider "
                                "is not set")
        heard = await self._fallback.recognise(clip)
        return Heard(heard.text, f"{self.name}>{heard.recogniser}")
