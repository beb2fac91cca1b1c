"""The speech seam: a voice message becomes text before the dialogue sees it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from handlers.messages import VoiceInput


class Transcript(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    duration_seconds: Decimal
    recogniser: str
    stored_path: str


class Transcriber(Protocol):
    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        """Text of the voice message; raises UserFacingError for audio it cannot hear."""
        ...
