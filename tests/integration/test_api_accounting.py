"""/api/v1/accounting: text and voice through the chat's extractor and speech service, with
the recogniser's local stand-in; nothing is saved as an entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.app import Runtime, runtime
from bot.config import load_config
from storage.models import TransactionRow
from tests.fakes import asr_openai, audio
from tests.integration.api_support import OTHER_PHONE, assert_error, client, login

pytestmark = pytest.mark.integration
SAID = "卖给老李五千盆千叶，一共一万"


@pytest.fixture
def stand_in() -> Iterator[asr_openai.OpenAIStandIn]:
    with asr_openai.OpenAIStandIn(transcript=SAID) as s:
        yield s


@pytest.fixture
async def speech_rt(
    bot_env: dict[str, str], stand_in: asr_openai.OpenAIStandIn, today: dt.date
) -> AsyncIterator[Runtime]:
    env = {**bot_env, "LEDGERBOT_SPEECH__PROVIDER": "openai-compatible",
           "LEDGERBOT_SPEECH__BASE_URL": stand_in.base_url,
           "LEDGERBOT_SPEECH__API_KEY": asr_openai.API_KEY}
    async with runtime(load_config(env=env), today=today) as rt:
        yield rt


def _is_file(path: str) -> bool:
    return Path(path).is_file()


async def _voice_rows(rt: Runtime) -> list[tuple[str, str | None, str, str, str]]:
    async with rt.sessions() as session:
        rows = await session.execute(text(
            "SELECT status, reason, transcript, recogniser, file_path FROM voice_records"
            " ORDER BY id"))
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def _entries(rt: Runtime) -> int:
    async with rt.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(TransactionRow)))
                   .scalar_one())


async def test_text_is_parsed_like_chat_and_nothing_is_saved(rt: Runtime) -> None:
    async with client(rt) as c:
        h = await login(c)
        r = await c.post("/api/v1/accounting/text", json={"text": SAID}, headers=h)
        assert r.status_code == 200, r.text
        data = r.json()["data"]
        assert data["intent"] == "record"
        assert data["entries"][0]["type"] == "income"
        assert data["entries"][0]["amount"] == 10000
        assert data["entries"][0]["users"] == ["老李"]
        assert data["entries"][0]["date"] == "2026-03-15"
        r = await c.post("/api/v1/accounting/text", json={"text": ""}, headers=h)
        assert assert_error(r, 422)["errors"][0]["field"] == "text"
    assert await _entries(rt) == 0


async def test_voice_is_heard_parsed_and_kept(speech_rt: Runtime, tmp_path: Path,
                                               stand_in: asr_openai.OpenAIStandIn) -> None:
    wav = audio.tone_wav(2.0, tmp_path / "v.wav")
    async with client(speech_rt) as c:
        h = await login(c)
        r = await c.post("/api/v1/accounting/voice", headers=h, data={"duration": "2"},
                         files={"file": ("v.wav", wav.read_bytes(), "audio/wav")})
        assert r.status_code == 200, r.text
        data = r.json()["data"]
    assert data["text"] == SAID
    assert data["result"]["entries"][0]["amount"] == 10000
    assert _is_file(data["file_path"])
    assert stand_in.seen.calls == 1 and stand_in.seen.problems == []
    assert await _entries(speech_rt) == 0
    assert await _voice_rows(speech_rt) == [
        ("heard", None, SAID, "openai-compatible", data["file_path"])]


async def test_upload_keeps_a_voice_record_and_lists_it(
    speech_rt: Runtime, tmp_path: Path
) -> None:
    wav = audio.tone_wav(2.0, tmp_path / "v.wav").read_bytes()
    async with client(speech_rt) as c:
        h = await login(c)
        r = await c.post("/api/v1/voice/upload", headers=h, data={"duration": "2"},
                         files={"file": ("v.wav", wav, "audio/wav")})
        assert r.status_code == 200, r.text
        up = r.json()["data"]
        listed = (await c.get("/api/v1/voice/records", headers=h)).json()["data"]
        other = await login(c, OTHER_PHONE)
        theirs = (await c.get("/api/v1/voice/records", headers=other)).json()["data"]
    assert (up["status"], up["text"], up["duration"]) == ("heard", SAID, 2.0)
    assert _is_file(up["file_path"])
    assert listed["total"] == 1 and listed["items"][0]["id"] == up["id"]
    assert theirs == {"items": [], "total": 0, "page": 1, "pageSize": 20}
    assert [r[0] for r in await _voice_rows(speech_rt)] == ["heard"]


async def test_without_a_recogniser_uploads_are_kept_unheard(rt: Runtime, tmp_path: Path) -> None:
    wav = audio.tone_wav(2.0, tmp_path / "v.wav").read_bytes()
    async with client(rt) as c:
        h = await login(c)
        up = await c.post("/api/v1/voice/upload", headers=h,
                          files={"file": ("v.wav", wav, "audio/wav")})
        parsed = await c.post("/api/v1/accounting/voice", headers=h,
                              files={"file": ("v.wav", wav, "audio/wav")})
    assert up.status_code == 200 and up.json()["data"]["status"] == "unheard"
    assert "DASHSCOPE_API_KEY" in assert_error(parsed, 502)["message"]
    rows = await _voice_rows(rt)
    assert [(r[0], r[1]) for r in rows] == [("unheard", "not_configured")] * 2
    assert all(_is_file(r[4]) for r in rows)


async def test_too_big_corrupt_and_too_long_uploads_are_refused(
    speech_rt: Runtime, tmp_path: Path, stand_in: asr_openai.OpenAIStandIn
) -> None:
    url = "/api/v1/accounting/voice"
    async with client(speech_rt) as c:
        h = await login(c)
        big = b"\0" * (10 * 1024 * 1024 + 1)
        r = await c.post(url, headers=h, files={"file": ("a.amr", big, "audio/amr")})
        assert assert_error(r, 413)["errors"][0]["field"] == "file"
        r = await c.post(url, headers=h, files={"file": ("a.amr", big * 2, "audio/amr")})
        assert "太大" in assert_error(r, 413)["message"]  # refused from Content-Length
        r = await c.post(url, headers=h, files={"file": ("a.amr", b"not audio" * 50, "audio/amr")})
        assert "打不开" in assert_error(r, 400)["message"]
        r = await c.post(url, headers=h, files={"file": ("a.amr", b"", "audio/amr")})
        assert_error(r, 400)
        wav = audio.tone_wav(1.0, tmp_path / "v.wav").read_bytes()
        r = await c.post(url, headers=h, data={"duration": "61"},
                         files={"file": ("v.wav", wav, "audio/wav")})
        assert assert_error(r, 400)["errors"][0]["field"] == "duration"
        long_wav = audio.tone_wav(65.0, tmp_path / "long.wav").read_bytes()
        r = await c.post(url, headers=h, files={"file": ("long.wav", long_wav, "audio/wav")})
        assert "太长" in assert_error(r, 400)["message"]
        assert_error(await c.post(url, headers=h), 422)
    assert stand_in.seen.calls == 0
    assert await _voice_rows(speech_rt) == []  # nothing that can never be heard is kept
