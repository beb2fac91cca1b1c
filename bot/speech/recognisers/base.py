"""What every recogniser takes and gives, and how it reports failure.

Recognisers raise RecognitionFailed and never UserFacingError: the service decides whether
to retry and what to tell the user, in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.speech.pcm import Pcm


@dataclass(frozen=True)
class Clip:
    pcm: Pcm
    hints: Sequence[str] = ()  # the account's counterparties and products, as hot words
    platform_transcript: str | None = None


@dataclass(frozen=True)
class Heard:
    text: str
    recogniser: str  # which recogniser produced the text, stored with the voice record


class RecognitionFailed(Exception):
    """The recogniser did not answer with text. `transient` failures are worth a retry."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class NotConfigured(Exception):
    """No recogniser can work with the settings given (no provider key, no fallback)."""


class Recogniser(Protocol):
    name: str

    async def recognise(self, clip: Clip) -> Heard: ...


def transient_status(status: int) -> bool:
    """Rate limits and server errors pass; auth and bad requests will fail the same again."""
    return status == 429 or status >= 500


def hint_text(hints: Sequence[str], limit: int = 300) -> str:
    """Hot words as one 、-joined line, cut to what providers accept in a prompt."""
    out = ""
    for hint in hints:
        candidate = f"{out}、{hint}" if out else hint
        if len(candidate) > limit:
            break
        out = candidate
    return out
