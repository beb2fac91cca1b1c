"""Accounts: who owns a ledger, reached through platform identities, and their profile.
Repositories flush but never commit (the dispatcher or the API request owns the unit of
work)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccountRow, IdentityRow

PHONE = "phone"  # the identity platform of a phone number (API login, or bound in chat)


@dataclass(frozen=True, slots=True)
class Profile:
    account_id: int
    nickname: str | None
    avatar: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def profile(self, account_id: int) -> Profile | None:
        row = await self._s.get(AccountRow, account_id)
        return None if row is None else _profile(row)

    async def update_profile(
        self, account_id: int, changes: dict[str, str | None]
    ) -> Profile | None:
        """Set the given profile fields (nickname, avatar); others stay as they are."""
        stmt = (
            update(AccountRow)
            .where(AccountRow.id == account_id)
            .values(**changes, updated_at=func.now())
            .returning(AccountRow)
        )
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        return None if row is None else _profile(row)

    async def find(self, platform: str, platform_user_id: str) -> int | None:
        stmt = select(IdentityRow.account_id).where(
            IdentityRow.platform == platform, IdentityRow.platform_user_id == platform_user_id
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def phone_of(self, account_id: int) -> str | None:
        """The phone bound to this account (at most one, by a unique index)."""
        stmt = select(IdentityRow.platform_user_id).where(
            IdentityRow.account_id == account_id, IdentityRow.platform == PHONE
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def phone_chat(self, phone: str) -> str | None:
        """The chat a phone was bound from (its login codes go there); None when the
        phone was registered through the API only, or not at all."""
        stmt = select(IdentityRow.chat_key).where(
            IdentityRow.platform == PHONE, IdentityRow.platform_user_id == phone
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def bind_phone(self, account_id: int, phone: str, chat_key: str) -> bool:
        """Give this account the phone identity; False when the phone already belongs to
        some account or this account already has a phone (nothing changes then)."""
        stmt = (
            insert(IdentityRow)
            .values(account_id=account_id, platform=PHONE, platform_user_id=phone,
                    chat_key=chat_key)
            .on_conflict_do_nothing()  # either unique rule: phone taken, or one phone each
            .returning(IdentityRow.id)
        )
        return (await self._s.execute(stmt)).scalar_one_or_none() is not None

    async def resolve(self, platform: str, platform_user_id: str) -> int:
        """The account behind an identity, created on first contact."""
        found = await self.find(platform, platform_user_id)
        if found is not None:
            return found
        account = AccountRow(name=f"{platform}:{platform_user_id}")
        self._s.add(account)
        await self._s.flush()
        # Two first messages at once: ON CONFLICT lets one identity win, and the loser's
        # fresh account is removed again in the same transaction.
        stmt = (
            insert(IdentityRow)
            .values(account_id=account.id, platform=platform, platform_user_id=platform_user_id)
            .on_conflict_do_nothing(constraint="platform_user")
            .returning(IdentityRow.account_id)
        )
        if (await self._s.execute(stmt)).scalar_one_or_none() is not None:
            return account.id
        await self._s.delete(account)
        winner = await self.find(platform, platform_user_id)
        if winner is None:
            raise RuntimeError(f"identity {platform}:{platform_user_id} vanished while resolving")
        return winner


def _profile(row: AccountRow) -> Profile:
    return Profile(
        account_id=row.id, nickname=row.nickname, avatar=row.avatar,
        created_at=row.created_at, updated_at=row.updated_at,
    )
