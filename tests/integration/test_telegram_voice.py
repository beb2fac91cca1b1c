"""A Telegram voice note (and an audio file) through the whole path: Bot API download ->
speech service -> extraction -> confirmation card -> ✅ -> saved entry.

The voice is made here (espeak-ng Mandarin -> WAV -> OGG/Opus with PyAV); the recogniser is
a stand-in OpenAI-compatible /audio/transcriptions server that records what it was sent.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import wave
from collections.abc import AsyncIterator, Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import load_config
from tests.fakes import audio
from tests.fakes.telegram_api import (
    FakeBotApi,
    WebhookDriver,
    audio_update,
    telegram_env,
    voice_update,
    webhook_bot,
)

pytestmark = pytest.mark.integration
HEARD = "嗯那个卖给老陈三百盆绿萝就是一盆三块"
ALICE = 3001


class Recogniser:
    """OpenAI-compatible transcription stand-in: answers HEARD, keeps the WAVs it got."""

    def __init__(self) -> None:
        self.wavs: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                form = BytesParser(policy=HTTP).parsebytes(head + body)
                for part in form.iter_parts():
                    payload = part.get_payload(decode=True)
                    if part.get_filename() and isinstance(payload, bytes):
                        outer.wavs.append(payload)
                data = json.dumps({"text": HEARD}, ensure_ascii=False).encode()
                self.send_response(200 if self.path == "/v1/audio/transcriptions" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture(scope="module")
def voice_note(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, float, bytes]:
    """(OGG/Opus bytes, seconds spoken, MP3 bytes) of HEARD, spoken by espeak-ng."""
    folder = tmp_path_factory.mktemp("voice")
    wav = audio.speak(HEARD, folder / "note.wav")
    ogg = audio.encode(wav, "ogg", folder)
    mp3 = audio.encode(wav, "mp3", folder)
    return ogg.read_bytes(), audio.wav_duration(wav), mp3.read_bytes()


@pytest.fixture
def recogniser() -> Iterator[Recogniser]:
    r = Recogniser()
    yield r
    r.server.shutdown()
    r.server.server_close()


@pytest.fixture
async def bot(bot_env: dict[str, str], api: FakeBotApi, recogniser: Recogniser,
              today: dt.date) -> AsyncIterator[WebhookDriver]:
    env = {**telegram_env(bot_env, api), "LEDGERBOT_SPEECH__PROVIDER": "openai-compatible",
           "LEDGERBOT_SPEECH__BASE_URL": recogniser.base_url,
           "LEDGERBOT_SPEECH__MAX_BYTES": "300000"}
    async with webhook_bot(load_config(env=env), today, api) as driver:
        yield driver


def wav_seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes() / w.getframerate()


async def test_voice_note_becomes_a_card_and_is_saved(
    bot: WebhookDriver, api: FakeBotApi, recogniser: Recogniser,
    voice_note: tuple[bytes, float, bytes], tmp_path: Path,
) -> None:
    ogg, seconds, _ = voice_note
    assert ogg[:4] == b"OggS" and b"OpusHead" in ogg[:200]
    api.add_file("voice-1", "voice/file_0.oga", ogg)
    calls = await bot.deliver(voice_update(bot.next_id(), ALICE, "voice-1", len(ogg)))
    (card,) = [c for c in calls if c.method == "sendMessage"]
    # The speech service tidies fillers (嗯那个) out of what it heard.
    assert "900" in card.text and "听到：「卖给老陈三百盆绿萝" in card.text and card.buttons
    # The recogniser got the downloaded note decoded to WAV, as long as what espeak said.
    (wav,) = recogniser.wavs
    assert abs(wav_seconds(wav) - seconds) < 0.5
    # The download was a hand-over: gone from tmp, one copy kept by the speech service.
    assert list((tmp_path / "tmp" / "telegram").iterdir()) == []
    kept = list((tmp_path / "voice").rglob("*.oga"))
    assert len(kept) == 1 and kept[0].read_bytes() == ogg
    press = await bot.press(ALICE, card, card.buttons[0]["callback_data"])
    assert press[0].method == "editMessageText" and press[0].text.startswith("✅ 已保存")
    async with bot.rt.sessions.begin() as session:
        from storage.accounts import AccountRepository
        from storage.repositories import LedgerRepository

        account = await AccountRepository(session).find("telegram", str(ALICE))
        assert account is not None
        (entry,) = [e.to_export() for e in await LedgerRepository(session).active(account)]
    assert (entry["type"], float(entry["amount"]), entry["users"], entry["source"]) == (
        "income", 900.0, ["老陈"], "voice")


async def test_audio_file_is_heard_too(
    bot: WebhookDriver, api: FakeBotApi, recogniser: Recogniser,
    voice_note: tuple[bytes, float, bytes],
) -> None:
    _, _, mp3 = voice_note
    api.add_file("audio-1", "music/file_1.mp3", mp3)
    calls = await bot.deliver(audio_update(bot.next_id(), ALICE, "audio-1", len(mp3)))
    assert any("900" in c.text and c.buttons for c in calls)
    assert len(recogniser.wavs) == 1


async def test_oversized_voice_is_refused_before_download(
    bot: WebhookDriver, api: FakeBotApi, recogniser: Recogniser
) -> None:
    api.add_file("big", "voice/big.oga", b"OggS" + b"\0" * 400_000)
    calls = await bot.deliver(voice_update(bot.next_id(), ALICE, "big", 400_004))
    assert [c.method for c in calls] == ["sendMessage"] and "太大" in calls[0].text
    assert recogniser.wavs == []


async def test_voice_that_cannot_be_downloaded_is_answered(
    bot: WebhookDriver, api: FakeBotApi, recogniser: Recogniser
) -> None:
    calls = await bot.deliver(voice_update(bot.next_id(), ALICE, "gone", 1000))  # getFile: 400
    assert [c.method for c in calls] == ["sendMessage"] and "再发一次" in calls[0].text
