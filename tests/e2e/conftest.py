"""Fixtures of the transcript tests."""

from __future__ import annotations

import pytest

from bot.app import Runtime
from tests.e2e.chat import Chat


@pytest.fixture
def chat(rt: Runtime) -> Chat:
    """alice at the console, through the real dispatcher."""
    return Chat(rt)
