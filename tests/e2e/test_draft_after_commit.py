"""Redis failing after the books changed: the vendor hears what was saved, and saying 对
again does not save it twice."""

from __future__ import annotations

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.app import Runtime
from tests.e2e.chat import Chat


async def test_saved_is_said_even_when_the_draft_cannot_be_cleared(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = Chat(rt)
    assert "600" in await chat.say("卖给老李200盆绿萝每盆3块")
    drafts = rt.dispatcher.services.drafts

    async def redis_gone(chat_key: str) -> None:
        raise RedisConnectionError("Redis went away after the commit")

    with monkeypatch.context() as m:
        m.setattr(drafts, "clear", redis_gone)
        saved = await chat.say("对")
    assert "已保存" in saved and "没有记账" not in saved
    # The draft is still in Redis: a second 对 finds it, and its dedup key stops a second row.
    await chat.say("对")
    assert [(e.entry.users, e.entry.amount) for e in await chat.entries()] == [(("老李",), 600)]
