"""A synthesised voice message goes through the real recogniser client and its local stand-in,
then the dialogue, to a confirmation card; failures answer in time and record nothing."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import Runtime, runtime
from bot.config import load_config
from bot.speech import replies
from handlers.messages import ChatRef, IncomingMessage, VoiceInput
from tests.fakes import asr_dashscope, asr_iflytek, asr_openai, audio
from tests.fakes.asr_base import StandIn

pytestmark = pytest.mark.integration
CHAT = ChatRef(platform="console", chat_id="alice", user_id="alice")
HEARD = "听到：「卖给老李五千盆千叶，一共一万」"
Settings = Callable[[StandIn], dict[str, str]]
StartRuntime = Callable[[dict[str, str]], AbstractAsyncContextManager[Runtime]]


def _dashscope(s: StandIn) -> dict[str, str]:
    return {"PROVIDER": "dashscope", "BASE_URL": s.base_url,
            "API_KEY": asr_dashscope.API_KEY}


def _qwen(s: StandIn) -> dict[str, str]:
    return {"PROVIDER": "qwen-asr", "BASE_URL": s.base_url,
            "API_KEY": asr_openai.API_KEY}


def _iflytek(s: StandIn) -> dict[str, str]:
    return {"PROVIDER": "iflytek", "BASE_URL": s.base_url,
            "APP_ID": asr_iflytek.APP_ID, "API_KEY": asr_iflytek.API_KEY,
            "API_SECRET": asr_iflytek.API_SECRET}


def _openai(s: StandIn) -> dict[str, str]:
    return {"PROVIDER": "openai-compatible", "BASE_URL": s.base_url,
            "API_KEY": asr_openai.API_KEY}


def _wechat_then_qwen(s: StandIn) -> dict[str, str]:
    return {**_qwen(s), "PROVIDER": "wechat", "FALLBACK_PROVIDER": "qwen-asr"}


# provider label → (stand-in class, settings, the channel format it hears, recorded recogniser)
CASES: dict[str, tuple[type[StandIn], Settings, str, str]] = {
    "dashscope": (asr_dashscope.DashScopeStandIn, _dashscope, "amr", "dashscope"),
    "qwen-asr": (asr_openai.QwenAsrStandIn, _qwen, "ogg", "qwen-asr"),
    "iflytek": (asr_iflytek.IflytekStandIn, _iflytek, "silk", "iflytek"),
    "openai-compatible": (asr_openai.OpenAIStandIn, _openai, "m4a", "openai-compatible"),
    "wechat>qwen-asr": (asr_openai.QwenAsrStandIn, _wechat_then_qwen, "amr", "wechat>qwen-asr"),
}


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return audio.voice_set(tmp_path_factory.mktemp("voices"))


@pytest.fixture
def speech_runtime(bot_env: dict[str, str], today: dt.date) -> StartRuntime:
    """Start a runtime whose speech section is overridden through LEDGERBOT_SPEECH__*."""

    @asynccontextmanager
    async def start(speech: dict[str, str]) -> AsyncIterator[Runtime]:
        env = {**bot_env, **{f"LEDGERBOT_SPEECH__{k}": v for k, v in speech.items()}}
        async with runtime(load_config(env=env), today=today) as rt:
            yield rt

    return start


async def _voice_rows(rt: Runtime) -> list[tuple[str, str, float]]:
    async with rt.sessions() as session:
        rows = await session.execute(text(
            "SELECT recogniser, file_path, duration_seconds FROM voice_records ORDER BY id"))
        return [(r[0], r[1], float(r[2])) for r in rows]


@pytest.mark.parametrize("case", list(CASES))
async def test_voice_message_reaches_a_confirmation_card(
    case: str, voices: dict[str, Path], speech_runtime: StartRuntime
) -> None:
    stand_in_cls, settings, fmt, recorded = CASES[case]
    with stand_in_cls() as stand_in:
        async with speech_runtime(settings(stand_in)) as rt:
            voice = VoiceInput(path=voices[fmt], platform_transcript="" if "wechat" in case
                               else None)
            replies_ = await rt.dispatcher.handle(IncomingMessage(chat=CHAT, voice=voice))
            rows = await _voice_rows(rt)
    card = replies_[0].text
    assert "10,000" in card, card
    assert HEARD in card, card
    assert stand_in.seen.problems == []
    assert stand_in.seen.calls == 1
    assert [r[0] for r in rows] == [recorded]
    assert _is_file(rows[0][1])
    assert abs(rows[0][2] - audio.wav_duration(voices["source"])) < 0.25


async def test_wechat_transcript_needs_no_recogniser(
    voices: dict[str, Path], speech_runtime: StartRuntime
) -> None:
    voice = VoiceInput(path=voices["amr"], platform_transcript="卖给老李五千盆千叶，一共一万。")
    async with speech_runtime({"PROVIDER": "wechat"}) as rt:
        replies_ = await rt.dispatcher.handle(IncomingMessage(chat=CHAT, voice=voice))
        rows = await _voice_rows(rt)
    assert "10,000" in replies_[0].text
    assert HEARD in replies_[0].text
    assert [r[0] for r in rows] == ["wechat"]


@pytest.mark.parametrize("case", ["dashscope", "iflytek", "openai-compatible"])
async def test_recogniser_timeout_answers_within_the_budget(
    case: str, voices: dict[str, Path], speech_runtime: StartRuntime,
    bot_env: dict[str, str],
) -> None:
    stand_in_cls, settings, fmt, _ = CASES[case]
    with stand_in_cls(delay=5.0) as stand_in:
        speech = {**settings(stand_in), "TIMEOUT_SECONDS": "1.0", "MAX_RETRIES": "1"}
        async with speech_runtime(speech) as rt:
            started = time.perf_counter()
            answer = await rt.dispatcher.handle(
                IncomingMessage(chat=CHAT, voice=VoiceInput(path=voices[fmt])))
            elapsed = time.perf_counter() - started
            rows = await _voice_rows(rt)
            status = await _statuses(rt)
    print(f"\n{case}: timeout answer after {elapsed:.2f}s (budget 1.0s)")
    assert [r.text for r in answer] == [replies.TIMEOUT]
    assert elapsed < 1.8, f"{case} answered after {elapsed:.2f}s"
    # Kept for 重新识别: the row has no recogniser yet, the file is the one received.
    assert [(r[0], Path(r[1])) for r in rows] == [
        ("", p) for p in _kept_files(bot_env["LEDGERBOT_DATA_DIR"])]
    assert status == [("unheard", "timeout")]


async def test_refused_audio_saves_nothing(
    tmp_path: Path, speech_runtime: StartRuntime
) -> None:
    empty = tmp_path / "empty.amr"
    empty.write_bytes(b"")
    async with speech_runtime({"PROVIDER": "wechat"}) as rt:
        answer = await rt.dispatcher.handle(
            IncomingMessage(chat=CHAT, voice=VoiceInput(path=empty, platform_transcript="卖")))
        rows = await _voice_rows(rt)
    assert [r.text for r in answer] == [replies.UNREADABLE]
    assert rows == []


async def _statuses(rt: Runtime) -> list[tuple[str, str]]:
    async with rt.sessions() as session:
        rows = await session.execute(text("SELECT status, reason FROM voice_records ORDER BY id"))
        return [(r[0], r[1]) for r in rows]


def _is_file(path: str) -> bool:
    return Path(path).is_file()


def _kept_files(data_dir: str) -> list[Path]:
    return [p for p in (Path(data_dir) / "voice").rglob("*") if p.is_file()]
