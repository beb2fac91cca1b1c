"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config, load_config
from storage import db
from tests.fakes.telegram_api import FakeBotApi, telegram_env
from tests.fakes.wechat_api import FakeWeChatApi


@pytest.fixture
def fake_api() -> Iterator[FakeWeChatApi]:
    """A local stand-in of the WeChat API on 127.0.0.1 that records what it got."""
    api = FakeWeChatApi().start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A local stand-in of the Telegram Bot API that the real PTB client talks to."""
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def tg_config(bot_env: dict[str, str], api: FakeBotApi) -> Config:
    """The test config pointed at the Bot API stand-in."""
    return load_config(env=telegram_env(bot_env, api))


@pytest.fixture
async def session(pg_url: str) -> AsyncIterator[AsyncSession]:
    """A session on the test database, for tests that read the books directly."""
    engine = db.make_engine(pg_url)
    async with db.make_sessions(engine)() as s:
        yield s
    await engine.dispose()
