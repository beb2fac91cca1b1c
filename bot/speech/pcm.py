"""The one audio shape every recogniser gets: 16 kHz, mono, signed 16-bit little-endian PCM."""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from decimal import Decimal

RATE = 16000
SAMPLE_BYTES = 2


@dataclass(frozen=True)
class Pcm:
    data: bytes
    rate: int = RATE

    @property
    def duration_seconds(self) -> Decimal:
        seconds = Decimal(len(self.data) // SAMPLE_BYTES) / Decimal(self.rate)
        return seconds.quantize(Decimal("0.01"))

    def wav_bytes(self) -> bytes:
        """The same samples in a RIFF/WAV container, for recognisers that take files."""
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(SAMPLE_BYTES)
            w.setframerate(self.rate)
            w.writeframes(self.data)
        return buf.getvalue()
