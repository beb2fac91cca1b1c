"""Test audio made on the spot: espeak-ng speaks Mandarin to WAV, PyAV and pysilk re-encode it
as the formats the channels deliver (WeChat AMR-NB/SILK, Telegram OGG/Opus, MP3, M4A).

Nothing is downloaded; every clip is synthesised from text or generated as a tone.
"""

from __future__ import annotations

import io
import math
import subprocess
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

import av
import pysilk

DEFAULT_TEXT = "卖给老李五千盆千叶一共一万"


@dataclass(frozen=True)
class Target:
    container: str
    codec: str
    rate: int
    suffix: str
    bit_rate: int | None = None


# Each target mirrors what its channel really sends: WeChat AMR-NB is 8 kHz narrowband,
# Telegram voice notes are Opus in Ogg at 48 kHz.
TARGETS: dict[str, Target] = {
    "amr": Target("amr", "libopencore_amrnb", 8000, ".amr", 12200),
    "ogg": Target("ogg", "libopus", 48000, ".ogg", 24000),
    "mp3": Target("mp3", "libmp3lame", 22050, ".mp3", 64000),
    "m4a": Target("ipod", "aac", 22050, ".m4a", 64000),
    "wav": Target("wav", "pcm_s16le", 22050, ".wav"),
}
FORMATS = (*TARGETS, "silk")


def speak(text: str, out: Path) -> Path:
    """Mandarin speech as a 22.05 kHz mono WAV."""
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(out), text], check=True,
                   capture_output=True, timeout=30)
    return out


def tone_wav(seconds: float, out: Path, rate: int = 16000) -> Path:
    """A quiet 440 Hz tone: long clips without minutes of speech synthesis."""
    one_second = array("h", (int(3000 * math.sin(2 * math.pi * 440 * i / rate))
                             for i in range(rate))).tobytes()
    n = int(seconds * rate)
    pcm = (one_second * (n // rate + 1))[: n * 2]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return out


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def read_mono_pcm(wav_path: Path) -> tuple[bytes, int]:
    with wave.open(str(wav_path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        return w.readframes(w.getnframes()), w.getframerate()


def encode(wav_path: Path, fmt: str, out_dir: Path) -> Path:
    """Re-encode a mono WAV as `fmt` (one of FORMATS) next to it in out_dir."""
    if fmt == "silk":
        return _encode_silk(wav_path, out_dir / (wav_path.stem + ".silk"))
    target = TARGETS[fmt]
    out = out_dir / (wav_path.stem + target.suffix)
    with av.open(str(wav_path)) as src, av.open(str(out), "w", format=target.container) as dst:
        stream = dst.add_stream(target.codec, rate=target.rate, layout="mono")
        assert isinstance(stream, av.AudioStream)
        if target.bit_rate:
            stream.bit_rate = target.bit_rate
        codec_fmt = (stream.codec_context.codec.audio_formats or [])[0].name
        resampler = av.AudioResampler(format=codec_fmt, layout="mono", rate=target.rate)
        fifo = av.AudioFifo()
        size = stream.codec_context.frame_size or 1024
        for frame in src.decode(audio=0):
            for res in resampler.resample(frame):
                fifo.write(res)
            _drain(fifo, size, stream, dst, partial=False)
        for res in resampler.resample(None):
            fifo.write(res)
        _drain(fifo, size, stream, dst, partial=True)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out


def _drain(fifo: av.AudioFifo, size: int, stream: av.AudioStream,
           dst: av.container.OutputContainer, *, partial: bool) -> None:
    while fifo.samples >= size or (partial and fifo.samples):
        frame = fifo.read(size, partial=partial)
        if frame is None:
            return
        for packet in stream.encode(frame):
            dst.mux(packet)


def _encode_silk(wav_path: Path, out: Path) -> Path:
    """WeChat-client SILK v3 (with Tencent's leading 0x02), from 24 kHz PCM."""
    pcm, rate = read_mono_pcm(_resampled_wav(wav_path, 24000, out.with_suffix(".24k.wav")))
    buf = io.BytesIO()
    pysilk.encode(io.BytesIO(pcm), buf, rate, 24000, tencent=True)
    out.write_bytes(buf.getvalue())
    return out


def _resampled_wav(wav_path: Path, rate: int, out: Path) -> Path:
    resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
    chunks: list[bytes] = []
    with av.open(str(wav_path)) as src:
        for frame in src.decode(audio=0):
            chunks += [bytes(r.planes[0])[: r.samples * 2] for r in resampler.resample(frame)]
    chunks += [bytes(r.planes[0])[: r.samples * 2] for r in resampler.resample(None)]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(chunks))
    return out


def voice_set(out_dir: Path, text: str = DEFAULT_TEXT) -> dict[str, Path]:
    """The same spoken sentence in every supported format, plus its source WAV as "source"."""
    source = speak(text, out_dir / "voice.wav")
    made = {fmt: encode(source, fmt, out_dir / fmt) for fmt in FORMATS if _mkdir(out_dir / fmt)}
    return {"source": source, **made}


def _mkdir(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return True
