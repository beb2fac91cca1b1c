"""Audio normalisation: every channel format becomes 16 kHz mono PCM of the right length, and
bad files are refused with a Chinese reply; the over-long one before any decoding."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import pytest

from bot.speech import normalise as normalise_module
from bot.speech import replies, silk
from bot.speech.normalise import normalise
from bot.speech.pcm import Pcm
from bot.speech.probe import Limits, probe
from handlers.messages import UserFacingError
from tests.fakes import audio

LIMITS = Limits(max_bytes=10 * 1024 * 1024, max_seconds=60)


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return audio.voice_set(tmp_path_factory.mktemp("voices"))


@pytest.mark.parametrize("fmt", audio.FORMATS)
def test_every_format_decodes_to_16k_mono_of_the_right_length(
    voices: dict[str, Path], fmt: str
) -> None:
    expected = audio.wav_duration(voices["source"])
    pcm = normalise(voices[fmt], LIMITS)
    assert pcm.rate == 16000
    with wave.open(str(_write(pcm, voices[fmt].with_suffix(".norm.wav"))), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
    assert abs(float(pcm.duration_seconds) - expected) / expected < 0.05


def test_silk_duration_is_read_from_its_frames_without_decoding(voices: dict[str, Path]) -> None:
    data = voices["silk"].read_bytes()
    assert data.startswith(b"\x02#!SILK_V3")  # WeChat clients' Tencent variant
    expected = audio.wav_duration(voices["source"])
    assert abs(silk.duration_seconds(data) - expected) < 0.1


@pytest.mark.parametrize("content", [b"", b"#!AMR\n" + bytes(range(256)) * 20,
                                     b"\x02#!SILK_V3" + b"\xff\x00garbage", b"OggS" * 500])
def test_empty_or_corrupt_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "voice.amr"
    path.write_bytes(content)
    with pytest.raises(UserFacingError) as err:
        normalise(path, LIMITS)
    assert str(err.value) == replies.UNREADABLE
    assert "没有记账" in str(err.value)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="打不开"):
        normalise(tmp_path / "gone.amr", LIMITS)


def test_ten_minute_file_is_refused_from_its_header_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_amr = audio.encode(audio.tone_wav(600, tmp_path / "long.wav"), "amr", tmp_path)
    assert long_amr.stat().st_size < LIMITS.max_bytes  # so only the duration can refuse it

    def no_decoding(*_: object) -> bytes:
        raise AssertionError("decoded a file the header already showed was too long")

    monkeypatch.setattr(normalise_module, "_decode_av", no_decoding)
    started = time.perf_counter()
    with pytest.raises(UserFacingError) as err:
        normalise(long_amr, LIMITS)
    elapsed = time.perf_counter() - started
    assert str(err.value) == replies.too_long(60)
    assert elapsed < 0.2, f"refusal took {elapsed:.3f}s"


def test_oversized_file_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "big.amr"
    path.write_bytes(b"#!AMR\n" + b"\0" * 2048)
    with pytest.raises(UserFacingError) as err:
        probe(path, Limits(max_bytes=1024, max_seconds=60))
    assert str(err.value) == replies.TOO_BIG


def test_duration_is_enforced_while_decoding_when_the_header_cannot_say(
    voices: dict[str, Path],
) -> None:
    # A header that under-reports must not let a long file through: the decoder counts.
    with pytest.raises(UserFacingError) as err:
        normalise_module._decode_av(voices["ogg"], max_seconds=2)
    assert str(err.value) == replies.too_long(2)


def _write(pcm: Pcm, path: Path) -> Path:
    path.write_bytes(pcm.wav_bytes())
    return path
