"""Voice messages: WeChat's Recognition as a hint (the `wechat` speech provider), and the
AMR downloaded by MediaId from a local stand-in of the WeChat API."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from bot.app import runtime
from bot.config import load_config
from bot.wechat import texts
from handlers.messages import VoiceInput
from handlers.voice import Transcript
from tests.fakes import audio
from tests.fakes.wechat_api import AMR_BYTES, FakeWeChatApi, count_rows, webhook, wechat_env

pytestmark = pytest.mark.integration
SALE = "卖给老李5000盆千叶，一共10000元"


class RecordingTranscriber:
    """Stands in for bot.speech: records the bytes it was handed, hears a fixed sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.got: list[tuple[bytes, str | None]] = []

    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        data = await asyncio.to_thread(Path(voice.path).read_bytes)
        self.got.append((data, voice.platform_transcript))
        return Transcript(text=self.text, duration_seconds=Decimal("1.5"), recogniser="test",
                          stored_path=str(voice.path))

    async def rehear(self, stored_path: Path, hints: Sequence[str]) -> Transcript:
        raise AssertionError("no kept recording is retried here")


@pytest.fixture(scope="module")
def real_amr(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A decodable AMR-NB clip (a tone): the wechat provider still decodes the file."""
    folder = tmp_path_factory.mktemp("amr")
    wav = audio.tone_wav(1.5, folder / "tone.wav")
    return audio.encode(wav, "amr", folder).read_bytes()


async def test_voice_with_recognition_uses_the_wechat_provider(
        bot_env: dict[str, str], today: dt.date, fake_api: FakeWeChatApi,
        real_amr: bytes) -> None:
    fake_api.media["media-rec"] = real_amr
    env = wechat_env(bot_env, api=fake_api) | {"LEDGERBOT_SPEECH__PROVIDER": "wechat"}
    async with runtime(load_config(env=env), today=today) as rt, webhook(rt) as p:
        got = await p.push(p.voice("oVoice", "media-rec", recognition=SALE))
        assert got.reply is not None and "10,000" in got.reply, got.reply
        assert [q["media_id"] for q in fake_api.media_requests] == ["media-rec"]
        saved = await p.say("oVoice", "对")
        assert saved is not None and "已保存" in saved
        assert await count_rows(rt, "voice_records") == 1
        leftovers = list((Path(env["LEDGERBOT_DATA_DIR"]) / "tmp").rglob("*.amr"))
        assert leftovers == []  # the download is temporary; bot.speech keeps its own copy


async def test_voice_without_recognition_is_downloaded_for_the_transcriber(
        bot_env: dict[str, str], today: dt.date, fake_api: FakeWeChatApi) -> None:
    fake_api.media["media-amr"] = AMR_BYTES
    ears = RecordingTranscriber(SALE)
    config = load_config(env=wechat_env(bot_env, api=fake_api))
    async with runtime(config, today=today, speech=ears) as rt, webhook(rt) as p:
        got = await p.push(p.voice("oAmr", "media-amr"))
        assert ears.got == [(AMR_BYTES, None)]
        assert got.reply is not None and "10,000" in got.reply


async def test_lost_media_without_recognition_asks_again_and_saves_nothing(
        bot_env: dict[str, str], today: dt.date, fake_api: FakeWeChatApi) -> None:
    async with (runtime(load_config(env=wechat_env(bot_env, api=fake_api)), today=today) as rt,
                webhook(rt) as p):
        got = await p.push(p.voice("oGone", "no-such-media"))
        assert got.reply == texts.VOICE_MISSING
        assert await count_rows(rt, "transactions") == 0


async def test_without_the_media_api_recognition_is_read_as_text(
        bot_env: dict[str, str], today: dt.date) -> None:
    """Unverified accounts cannot download media; WeChat's own transcript still helps."""
    async with (runtime(load_config(env=wechat_env(bot_env)), today=today) as rt,
                webhook(rt) as p):
        got = await p.push(p.voice("oPersonal", "m", recognition=SALE))
        assert got.reply is not None and "10,000" in got.reply
