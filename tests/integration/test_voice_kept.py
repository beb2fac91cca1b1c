"""No vendor's words are lost: a recording nobody could hear is kept as an unheard voice
record, the answer says what to configure, and 重新识别 (chat) or `ledgerbot voice retry`
hears it once a recogniser works and leads to the usual card and 对.

Real audio (espeak-ng Mandarin re-encoded as the channels send it), the real recogniser
clients against their local stand-ins, PostgreSQL rows checked afterwards."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.app import Runtime, runtime
from bot.config import load_config
from bot.speech import replies
from handlers.messages import ChatRef, IncomingMessage, VoiceInput
from handlers.voice import NOTHING_TO_RETRY
from tests.fakes import asr_openai, audio

pytestmark = pytest.mark.integration
CHAT = ChatRef(platform="console", chat_id="alice", user_id="alice")
LEDGERBOT = Path(sys.executable).parent / "ledgerbot"
HEARD = "听到：「卖给老李五千盆千叶，一共一万」"
StartRuntime = Callable[[dict[str, str]], AbstractAsyncContextManager[Runtime]]


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return audio.voice_set(tmp_path_factory.mktemp("voices"))


@pytest.fixture
def start(bot_env: dict[str, str], today: dt.date) -> StartRuntime:
    @asynccontextmanager
    async def go(speech: dict[str, str]) -> AsyncIterator[Runtime]:
        env = {**bot_env, **{f"LEDGERBOT_SPEECH__{k}": v for k, v in speech.items()}}
        async with runtime(load_config(env=env), today=today) as rt:
            yield rt

    return go


def _openai(stand_in: asr_openai.OpenAIStandIn) -> dict[str, str]:
    return {"PROVIDER": "openai-compatible", "BASE_URL": stand_in.base_url,
            "API_KEY": asr_openai.API_KEY}


async def _say(rt: Runtime, text_: str = "", voice: VoiceInput | None = None) -> str:
    answer = await rt.dispatcher.handle(IncomingMessage(chat=CHAT, text=text_, voice=voice))
    return "\n".join(r.text for r in answer)


async def _rows(rt: Runtime, sql: str) -> list[dict[str, Any]]:
    async with rt.sessions() as session:
        return [dict(r._mapping) for r in await session.execute(text(sql))]


def _same_file(kept: str, original: Path) -> bool:
    return Path(kept).read_bytes() == original.read_bytes()


VOICE_ROWS = ("SELECT id, status, reason, attempts, recogniser, transcript, chat_key, file_path,"
              " duration_seconds, transaction_id FROM voice_records ORDER BY id")


async def test_without_a_recogniser_the_recording_is_kept_and_retried_later(
    voices: dict[str, Path], start: StartRuntime
) -> None:
    # The shipped default: dashscope, but no key anywhere.
    async with start({}) as rt:
        answer = await _say(rt, voice=VoiceInput(path=voices["amr"]))
        kept = await _rows(rt, VOICE_ROWS)
        assert await _rows(rt, "SELECT id FROM transactions") == []
    assert answer == replies.NOT_CONFIGURED
    assert "请稍后再说" not in answer and "DASHSCOPE_API_KEY" in answer
    assert [(r["status"], r["reason"], r["chat_key"]) for r in kept] == [
        ("unheard", "not_configured", CHAT.key)]
    assert _same_file(kept[0]["file_path"], voices["amr"])
    assert abs(float(kept[0]["duration_seconds"]) - audio.wav_duration(voices["source"])) < 0.3

    with asr_openai.OpenAIStandIn() as stand_in:
        async with start(_openai(stand_in)) as rt:
            card = await _say(rt, "重新识别")
            heard = await _rows(rt, VOICE_ROWS)
            saved = await _say(rt, "对")
            rows = await _rows(rt, VOICE_ROWS)
            entries = await _rows(rt, "SELECT id, amount, source, raw_text FROM transactions")
            again = await _say(rt, "重新识别")
    assert stand_in.seen.problems == [] and stand_in.seen.calls == 1
    assert "重新识别了保存的语音" in card and HEARD in card and "10,000" in card, card
    assert [(r["id"], r["status"], r["reason"], r["attempts"], r["recogniser"])
            for r in heard] == [(kept[0]["id"], "heard", None, 2, "openai-compatible")]
    assert heard[0]["transcript"] == "卖给老李五千盆千叶，一共一万"
    assert "已保存" in saved
    assert [(float(e["amount"]), e["source"]) for e in entries] == [(10000.0, "voice")]
    assert rows[0]["transaction_id"] == entries[0]["id"]
    assert again == NOTHING_TO_RETRY


async def test_a_failing_recogniser_keeps_the_recording_and_a_retry_counts_attempts(
    voices: dict[str, Path], start: StartRuntime
) -> None:
    with asr_openai.OpenAIStandIn(fail_first=10) as stand_in:
        speech = {**_openai(stand_in), "MAX_RETRIES": "1"}
        async with start(speech) as rt:
            first = await _say(rt, voice=VoiceInput(path=voices["ogg"]))
            retry = await _say(rt, "/voice retry")
            rows = await _rows(rt, VOICE_ROWS)
    assert first == replies.UNAVAILABLE
    assert retry == replies.UNAVAILABLE
    assert stand_in.seen.calls == 4  # one retry of each transient failure
    assert [(r["status"], r["reason"], r["attempts"]) for r in rows] == [
        ("unheard", "unavailable", 2)]


async def test_wechat_recognition_is_used_when_the_recogniser_fails(
    voices: dict[str, Path], start: StartRuntime
) -> None:
    wechat = ChatRef(platform="wechat", chat_id="o-vendor", user_id="o-vendor")
    voice = VoiceInput(path=voices["amr"], platform_transcript="卖给老李五千盆千叶，一共一万。")
    with asr_openai.OpenAIStandIn(fail_first=10) as stand_in:
        async with start({**_openai(stand_in), "MAX_RETRIES": "0"}) as rt:
            answer = await rt.dispatcher.handle(IncomingMessage(chat=wechat, voice=voice))
            rows = await _rows(rt, VOICE_ROWS)
    assert "微信自带的识别" in answer[0].text
    assert answer[1].kind == "card" and HEARD in answer[1].text and "10,000" in answer[1].text
    assert [(r["status"], r["recogniser"], r["chat_key"]) for r in rows] == [
        ("heard", "wechat", wechat.key)]


async def test_wechat_without_recognition_or_fallback_keeps_the_recording(
    voices: dict[str, Path], start: StartRuntime
) -> None:
    async with start({"PROVIDER": "wechat"}) as rt:
        answer = await _say(rt, voice=VoiceInput(path=voices["amr"], platform_transcript=""))
        rows = await _rows(rt, VOICE_ROWS)
    assert answer == replies.NOT_CONFIGURED
    assert [(r["status"], r["reason"]) for r in rows] == [("unheard", "not_configured")]


async def test_unreadable_audio_is_refused_and_not_kept(
    tmp_path: Path, start: StartRuntime
) -> None:
    broken = tmp_path / "broken.amr"
    broken.write_bytes(b"#!AMR\n" + bytes(range(256)) * 4)
    async with start({}) as rt:
        answer = await _say(rt, voice=VoiceInput(path=broken))
        rows = await _rows(rt, VOICE_ROWS)
    assert answer == replies.UNREADABLE
    assert rows == []


def test_cli_voice_retry_hears_kept_recordings_then_chat_confirms(
    voices: dict[str, Path], bot_env: dict[str, str]
) -> None:
    def run(args: list[str], env: dict[str, str], stdin: str = "") -> str:
        done = subprocess.run([str(LEDGERBOT), *args], input=stdin, env=env, text=True,
                              capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def chat(line: dict[str, str], env: dict[str, str]) -> list[str]:
        out = run(["chat", "--jsonl", "--today", "2026-03-15"], env,
                  json.dumps(line, ensure_ascii=False) + "\n")
        replies_: list[str] = json.loads(out)["replies"]
        return replies_

    kept = chat({"user": "bob", "voice": str(voices["mp3"])}, bot_env)
    assert kept == [replies.NOT_CONFIGURED]
    assert "没有等着识别的语音" in run(["voice", "retry", "--user", "carol"], bot_env)
    with asr_openai.OpenAIStandIn() as stand_in:
        env = {**bot_env, **{f"LEDGERBOT_SPEECH__{k}": v for k, v in _openai(stand_in).items()}}
        out = run(["voice", "retry", "--user", "bob", "--today", "2026-03-15"], env)
    assert "[bob]" in out and HEARD in out and "10,000" in out, out
    saved = chat({"user": "bob", "text": "对"}, bot_env)
    assert any("已保存" in r for r in saved), saved
    exported = run(["export", "--user", "bob"], bot_env)
    assert [json.loads(line)["amount"] for line in exported.splitlines()] == [10000]
