"""Limits checked before any audio is decoded: file size, then the duration the header claims.

A 10-minute file is refused from its header in milliseconds instead of being decoded first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from bot.speech import replies, silk
from handlers.messages import UserFacingError

# Bitrate-estimated durations (AMR, MP3 without a Xing header) overshoot by a few per cent;
# the header check allows that, and decoding then enforces the exact limit.
HEADER_SLACK = 1.05


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_seconds: int


@dataclass(frozen=True)
class Probe:
    is_silk: bool
    header_seconds: float | None  # None when the container does not say


def probe(path: Path, limits: Limits) -> Probe:
    """Refuse empty, oversized or over-long files; say how to decode the rest."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserFacingError(replies.UNREADABLE) from exc
    if size == 0:
        raise UserFacingError(replies.UNREADABLE)
    if size > limits.max_bytes:
        raise UserFacingError(replies.TOO_BIG)
    with path.open("rb") as f:
        head = f.read(16)
    found = Probe(True, _silk_seconds(path)) if silk.is_silk(head) else _av_probe(path)
    if found.header_seconds is not None and (
        found.header_seconds > limits.max_seconds * HEADER_SLACK
    ):
        raise UserFacingError(replies.too_long(limits.max_seconds))
    return found


def _silk_seconds(path: Path) -> float:
    try:
        return silk.duration_seconds(path.read_bytes())
    except (silk.SilkError, ValueError) as exc:
        raise UserFacingError(replies.UNREADABLE) from exc


def _av_probe(path: Path) -> Probe:
    """Open the container (headers only) and read its duration."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise UserFacingError(replies.UNREADABLE)
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return Probe(False, float(stream.duration * stream.time_base))
            if container.duration is not None:
                return Probe(False, container.duration / av.time_base)
            return Probe(False, None)
    except av.FFmpegError as exc:
        raise UserFacingError(replies.UNREADABLE) from exc
