"""The speech service around any recogniser: timeout, retries, clean-up, and where files go."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from bot.speech import replies
from bot.speech.probe import Limits
from bot.speech.recognisers.base import (
    Clip,
    Heard,
    NotConfigured,
    Recogniser,
    RecognitionFailed,
)
from bot.speech.recognisers.wechat import WeChatRecognition
from bot.speech.service import SpeechService
from handlers.messages import VoiceInput
from handlers.voice import Unheard
from tests.fakes import audio

NOW = dt.datetime(2026, 3, 15, 9, 30)


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return audio.voice_set(tmp_path_factory.mktemp("voices"))


class Scripted:
    """A recogniser that plays a script: each step is a delay and a text or an exception."""

    name = "scripted"

    def __init__(self, *steps: str | Exception, delay: float = 0.0) -> None:
        self.steps, self.delay, self.clips = list(steps), delay, list[Clip]()

    async def recognise(self, clip: Clip) -> Heard:
        self.clips.append(clip)
        await asyncio.sleep(self.delay)
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        return Heard(step, self.name)


def service(recogniser: Recogniser, root: Path, timeout: float = 2.0,
            retries: int = 1) -> SpeechService:
    return SpeechService(recogniser, limits=Limits(10 * 1024 * 1024, 60), audio_root=root,
                         timeout_seconds=timeout, max_retries=retries, now=lambda: NOW)


async def test_transcript_is_cleaned_and_the_file_kept_by_month(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    rec = Scripted("嗯，卖给老李五千盆千叶，一共一万。")
    heard = await service(rec, tmp_path).transcribe(VoiceInput(path=voices["amr"]), ["老李"])
    assert heard.text == "卖给老李五千盆千叶，一共一万"
    assert heard.recogniser == "scripted"
    assert abs(heard.duration_seconds - Decimal("4.86")) < Decimal("0.25")
    stored = Path(heard.stored_path)
    assert stored.parent == tmp_path / "2026-03"
    assert re.fullmatch(r"[0-9a-f]{32}\.amr", stored.name)
    assert _same_bytes(stored, voices["amr"])
    assert rec.clips[0].hints == ("老李",)
    assert rec.clips[0].pcm.rate == 16000


async def test_a_hung_recogniser_answers_within_the_timeout_and_keeps_the_recording(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    rec = Scripted("never", delay=30)
    started = time.perf_counter()
    with pytest.raises(Unheard) as err:
        await service(rec, tmp_path, timeout=0.5).transcribe(VoiceInput(path=voices["ogg"]), [])
    elapsed = time.perf_counter() - started
    assert str(err.value) == replies.TIMEOUT
    assert "还没有记账" in str(err.value) and "重新识别" in str(err.value)
    assert 0.5 <= elapsed < 1.0, f"answered after {elapsed:.2f}s"
    assert len(rec.clips) == 1  # a timeout is not retried: the user is already waiting
    assert err.value.reason == "timeout"
    assert _kept(tmp_path) == [Path(err.value.stored_path)]
    assert _same_bytes(Path(err.value.stored_path), voices["ogg"])


async def test_transient_failures_are_retried(voices: dict[str, Path], tmp_path: Path) -> None:
    rec = Scripted(RecognitionFailed("503", transient=True), "卖给老李三百盆")
    heard = await service(rec, tmp_path).transcribe(VoiceInput(path=voices["mp3"]), [])
    assert heard.text == "卖给老李三百盆"
    assert len(rec.clips) == 2


@pytest.mark.parametrize(("make_steps", "reason", "answer"), [
    (lambda: [RecognitionFailed("401", transient=False)], "refused", replies.REFUSED),
    (lambda: [RecognitionFailed("503", transient=True)] * 2, "unavailable",
     replies.UNAVAILABLE),
    (lambda: [NotConfigured("no key")], "not_configured", replies.NOT_CONFIGURED),
])
async def test_failures_that_persist_keep_the_recording_and_say_why(
    voices: dict[str, Path], tmp_path: Path, make_steps: Callable[[], list[Exception]],
    reason: str, answer: str,
) -> None:
    rec = Scripted(*make_steps())
    with pytest.raises(Unheard) as err:
        await service(rec, tmp_path).transcribe(VoiceInput(path=voices["wav"]), [])
    assert (str(err.value), err.value.reason) == (answer, reason)
    assert "请稍后再说" not in str(err.value)
    assert _kept(tmp_path) == [Path(err.value.stored_path)]


async def test_the_missing_provider_key_is_named_in_the_answer() -> None:
    assert "DASHSCOPE_API_KEY" in replies.NOT_CONFIGURED
    assert "LEDGERBOT_SPEECH__PROVIDER" in replies.NOT_CONFIGURED


async def test_a_failed_recogniser_falls_back_to_wechats_transcript(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    rec = Scripted(RecognitionFailed("401", transient=False))
    voice = VoiceInput(path=voices["amr"], platform_transcript="卖给老李五千盆千叶，一共一万。")
    heard = await service(rec, tmp_path).transcribe(voice, [])
    assert (heard.text, heard.recogniser) == ("卖给老李五千盆千叶，一共一万", "wechat")
    assert heard.note is not None and "微信自带的识别" in heard.note
    assert _kept(tmp_path) == [Path(heard.stored_path)]


async def test_a_kept_recording_is_heard_again_without_a_second_copy(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(Unheard) as err:
        await service(Scripted(NotConfigured("no key")), tmp_path).transcribe(
            VoiceInput(path=voices["amr"]), [])
    kept = Path(err.value.stored_path)
    heard = await service(Scripted("卖给老李三百盆"), tmp_path).rehear(kept, ["老李"])
    assert (heard.text, heard.stored_path) == ("卖给老李三百盆", str(kept))
    assert _kept(tmp_path) == [kept]
    _remove(kept)
    with pytest.raises(Unheard) as gone:
        await service(Scripted("x"), tmp_path).rehear(kept, [])
    assert (str(gone.value), gone.value.reason) == (replies.GONE, "unreadable")


async def test_wechat_uses_its_own_transcript_first(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    fallback = Scripted("不该用到")
    voice = VoiceInput(path=voices["amr"], platform_transcript="卖给老李五千盆千叶，一共一万。")
    heard = await service(WeChatRecognition(fallback), tmp_path).transcribe(voice, [])
    assert (heard.text, heard.recogniser) == ("卖给老李五千盆千叶，一共一万", "wechat")
    assert fallback.clips == []


async def test_wechat_without_a_transcript_falls_through(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    voice = VoiceInput(path=voices["amr"], platform_transcript="  ")
    heard = await service(WeChatRecognition(Scripted("卖给老李")), tmp_path).transcribe(voice, [])
    assert (heard.text, heard.recogniser) == ("卖给老李", "wechat>scripted")
    with pytest.raises(Unheard) as err:
        await service(WeChatRecognition(None), tmp_path).transcribe(voice, [])
    assert (str(err.value), err.value.reason) == (replies.NOT_CONFIGURED, "not_configured")


async def test_decoding_does_not_block_the_event_loop(
    voices: dict[str, Path], tmp_path: Path
) -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.001)

    ticker = asyncio.create_task(tick())
    await service(Scripted("好"), tmp_path).transcribe(VoiceInput(path=voices["m4a"]), [])
    ticker.cancel()
    assert ticks > 1


def _same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def _remove(path: Path) -> None:
    path.unlink()


def _kept(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]
