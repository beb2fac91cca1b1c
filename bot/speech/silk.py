"""SILK v3, the WeChat clients' own voice format (not what the Official Account API sends).

PyAV has no SILK decoder, so pysilk decodes it; the frame count gives the duration
without decoding, because every SILK frame holds 20 ms.
"""

from __future__ import annotations

import io

import pysilk

MAGIC = b"#!SILK_V3"
FRAME_SECONDS = 0.02


class SilkError(ValueError):
    """The bytes are not a readable SILK stream."""


def is_silk(head: bytes) -> bool:
    """Tencent prefixes the standard magic with one 0x02 byte."""
    return head.startswith(MAGIC) or head[1:].startswith(MAGIC)


def frame_count(data: bytes) -> int:
    """Frames in the stream: each is a little-endian uint16 length then that many bytes."""
    pos = data.index(MAGIC) + len(MAGIC)
    frames = 0
    while pos + 2 <= len(data):
        size = int.from_bytes(data[pos : pos + 2], "little")
        if size == 0xFFFF:  # the optional end-of-stream marker
            break
        if pos + 2 + size > len(data):
            raise SilkError("truncated SILK frame")
        pos += 2 + size
        frames += 1
    return frames


def duration_seconds(data: bytes) -> float:
    return frame_count(data) * FRAME_SECONDS


def decode(data: bytes, rate: int) -> bytes:
    """Mono signed 16-bit PCM at `rate`."""
    # pysilk wants the standard header; the Tencent 0x02 prefix would make it fail.
    start = data.index(MAGIC)
    out = io.BytesIO()
    try:
        pysilk.decode(io.BytesIO(data[start:]), out, rate)
    except pysilk.SilkError as exc:
        raise SilkError(str(exc)) from exc
    return out.getvalue()
