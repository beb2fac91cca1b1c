"""Decode any supported voice file to 16 kHz mono PCM, enforcing the duration while decoding.

PyAV's bundled libavcodec reads AMR-NB (WeChat), OGG/Opus (Telegram), MP3, M4A/AAC and WAV;
SILK goes through pysilk. Nothing shells out, so no system ffmpeg is needed at runtime.
"""

from __future__ import annotations

from pathlib import Path

import av

from bot.speech import replies, silk
from bot.speech.pcm import RATE, SAMPLE_BYTES, Pcm
from bot.speech.probe import Limits, probe
from handlers.messages import UserFacingError


def normalise(path: Path, limits: Limits) -> Pcm:
    """Checked, decoded audio; UserFacingError for anything that cannot be heard."""
    found = probe(path, limits)
    data = _decode_silk(path) if found.is_silk else _decode_av(path, limits.max_seconds)
    if not data:
        raise UserFacingError(replies.UNREADABLE)
    if len(data) > limits.max_seconds * RATE * SAMPLE_BYTES:
        raise UserFacingError(replies.too_long(limits.max_seconds))
    return Pcm(data)


def _decode_silk(path: Path) -> bytes:
    try:
        return silk.decode(path.read_bytes(), RATE)
    except (silk.SilkError, ValueError) as exc:
        raise UserFacingError(replies.UNREADABLE) from exc


def _decode_av(path: Path, max_seconds: int) -> bytes:
    # Headers can lie or be missing (raw streams), so the limit is also counted here and
    # decoding stops as soon as it is passed rather than after the whole file.
    limit = max_seconds * RATE * SAMPLE_BYTES
    out = bytearray()
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    try:
        with av.open(str(path)) as container:
            for frame in container.decode(audio=0):
                for chunk in resampler.resample(frame):
                    out += _samples(chunk)
                if len(out) > limit:
                    raise UserFacingError(replies.too_long(max_seconds))
            for chunk in resampler.resample(None):
                out += _samples(chunk)
    except (av.FFmpegError, ValueError) as exc:
        raise UserFacingError(replies.UNREADABLE) from exc
    return bytes(out)


def _samples(frame: av.AudioFrame) -> bytes:
    """Packed s16 mono: the plane may be padded past the last sample."""
    return bytes(frame.planes[0])[: frame.samples * SAMPLE_BYTES]
