"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.wechat_api import FakeWeChatApi


@pytest.fixture
def fake_api() -> Iterator[FakeWeChatApi]:
    """A local stand-in of the WeChat API on 127.0.0.1 that records what it got."""
    api = FakeWeChatApi().start()
    try:
        yield api
    finally:
        api.stop()
