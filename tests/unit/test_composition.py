"""The composition root's seams: overrides replace services as given, and the button codec
is the one way an action travels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bot.app import build_services, make_clock
from bot.config import AppConfig, Config
from bot.settings import telegram_settings, wechat_settings
from chains.extractor import Extraction
from chains.schemas import ExtractContext
from handlers.messages import Action, VoiceInput
from handlers.voice import Transcript


class _Extractor:
    async def extract(self, text: str, ref_date: dt.date, context: ExtractContext) -> Extraction:
        raise AssertionError("not called here")


class _Ears:
    async def transcribe(self, voice: VoiceInput, hints: Sequence[str]) -> Transcript:
        raise AssertionError("not called here")

    async def rehear(self, stored_path: Path, hints: Sequence[str]) -> Transcript:
        raise AssertionError("not called here")


def test_overrides_are_used_as_given() -> None:
    # Nothing connects: the engine and client are only handed over.
    engine = create_async_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    extractor, ears = _Extractor(), _Ears()
    services = build_services(
        Config(),
        sessions=async_sessionmaker(engine),
        redis=Redis(),
        extractor=extractor,
        speech=ears,
        clock=lambda: dt.date(2026, 1, 2),
    )
    assert services.extractor is extractor and services.speech is ears
    assert services.today() == dt.date(2026, 1, 2)


def test_the_clock_is_pinned_by_the_argument_then_the_config() -> None:
    pinned = Config(app=AppConfig(today=dt.date(2026, 5, 1)))
    assert make_clock(pinned)() == dt.date(2026, 5, 1)
    assert make_clock(pinned, dt.date(2026, 6, 1))() == dt.date(2026, 6, 1)


def test_channels_get_their_own_section_and_shared_values() -> None:
    config = Config(app=AppConfig(data_dir=Path("/srv/ledger")))
    wx, tg = wechat_settings(config), telegram_settings(config)
    assert wx.wechat is config.wechat and tg.telegram is config.telegram
    assert str(wx.voice_dir).startswith("/srv/ledger/") and wx.max_voice_bytes > 0
    assert tg.card_ttl_seconds > config.dialogue.draft_ttl_seconds


def test_an_action_round_trips_through_its_wire_form() -> None:
    action = Action(kind="confirm", draft_id="d1")
    assert action.encode() == "confirm:d1"
    assert Action.decode(action.encode()) == action


@pytest.mark.parametrize("data", ["", "confirm", "confirm:", "delete:d1", "detail:1"])
def test_anything_else_is_not_an_action(data: str) -> None:
    assert Action.decode(data) is None
