"""Accounts and identities: one account per identity, even when first messages race."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bot.app import Runtime
from storage.accounts import AccountRepository

pytestmark = pytest.mark.integration


async def test_first_contact_creates_one_account(rt: Runtime) -> None:
    async with rt.sessions.begin() as s:
        first = await AccountRepository(s).resolve("wechat", "oABC")
    async with rt.sessions.begin() as s:
        assert await AccountRepository(s).resolve("wechat", "oABC") == first
        assert await AccountRepository(s).resolve("telegram", "oABC") != first


async def test_racing_first_messages_leave_no_orphan_account(rt: Runtime) -> None:
    async def resolve() -> int:
        async with rt.sessions.begin() as s:
            return await AccountRepository(s).resolve("telegram", "42")

    ids = await asyncio.gather(*(resolve() for _ in range(8)))
    assert len(set(ids)) == 1
    async with rt.sessions() as s:
        accounts = (await s.execute(text("SELECT count(*) FROM accounts"))).scalar_one()
    assert accounts == 1
