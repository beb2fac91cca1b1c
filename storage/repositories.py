"""Data access for accounts and entries. Repositories flush but never commit:
the dispatcher owns one unit of work per incoming message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Entry
from storage.entries import Provenance, SavedEntry, from_row, to_row_values
from storage.models import AccountRow, AuditLogRow, IdentityRow, TransactionRow, VoiceRecordRow


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, platform: str, platform_user_id: str) -> int | None:
        stmt = select(IdentityRow.account_id).where(
            IdentityRow.platform == platform, IdentityRow.platform_user_id == platform_user_id
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

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


class LedgerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(
        self, account_id: int, entry: Entry, provenance: Provenance, actor: str
    ) -> tuple[SavedEntry, bool]:
        """Insert once per dedup key; returns the entry and whether this call created it."""
        values = to_row_values(entry, provenance)
        stmt = (
            insert(TransactionRow)
            .values(account_id=account_id, **values)
            .on_conflict_do_nothing(constraint="account_dedup")
            .returning(TransactionRow)
        )
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        if row is None:
            existing = await self._s.execute(
                select(TransactionRow).where(
                    TransactionRow.account_id == account_id,
                    TransactionRow.dedup_key == provenance.dedup_key,
                )
            )
            return from_row(existing.scalar_one()), False
        saved = from_row(row)
        self._audit(account_id, row.id, "create", actor, None, saved.to_export())
        await self._s.flush()
        return saved, True

    async def undo_last(self, account_id: int, chat_key: str, actor: str) -> SavedEntry | None:
        """Soft-delete the newest active entry saved from this chat."""
        stmt = (
            select(TransactionRow.id)
            .where(
                TransactionRow.account_id == account_id,
                TransactionRow.chat_key == chat_key,
                TransactionRow.status == "active",
            )
            .order_by(TransactionRow.id.desc())
            .limit(1)
        )
        entry_id = (await self._s.execute(stmt)).scalar_one_or_none()
        return None if entry_id is None else await self.remove(account_id, entry_id, actor)

    async def remove(self, account_id: int, entry_id: int, actor: str) -> SavedEntry | None:
        """Soft-delete one active entry of this account, audited; None if there is none."""
        row = await self._active_row(account_id, entry_id)
        if row is None:
            return None
        before = from_row(row)
        row.status = "deleted"
        self._audit(account_id, row.id, "delete", actor, before.to_export(), None)
        await self._s.flush()
        return before

    async def replace(
        self, account_id: int, entry_id: int, entry: Entry, actor: str
    ) -> tuple[SavedEntry, SavedEntry] | None:
        """Change one active entry in place, audited with before and after; (before, after),
        or None if there is no such entry."""
        row = await self._active_row(account_id, entry_id)
        if row is None:
            return None
        before = from_row(row)
        for key, value in to_row_values(entry, before.provenance).items():
            setattr(row, key, value)
        await self._s.flush()
        after = from_row(row)
        self._audit(account_id, row.id, "update", actor, before.to_export(), after.to_export())
        await self._s.flush()
        return before, after

    async def matching(
        self,
        account_id: int,
        *,
        day: dt.date | None = None,
        users: Sequence[str] = (),
        product: str | None = None,
        category: str | None = None,
        amount: Decimal | None = None,
        limit: int = 6,
    ) -> list[SavedEntry]:
        """Active entries that fit every criterion given, the latest saved first."""
        stmt = select(TransactionRow).where(
            TransactionRow.account_id == account_id, TransactionRow.status == "active"
        )
        if day is not None:
            stmt = stmt.where(TransactionRow.transaction_date == day)
        if users:
            stmt = stmt.where(TransactionRow.users.overlap(list(users)))
        if product:
            stmt = stmt.where(TransactionRow.products.contains([{"name": product}]))
        if category:
            stmt = stmt.where(TransactionRow.category.contains(category))
        if amount is not None:
            stmt = stmt.where(TransactionRow.amount == amount)
        stmt = stmt.order_by(TransactionRow.id.desc())
        return [from_row(r) for r in (await self._s.execute(stmt.limit(limit))).scalars()]

    async def _active_row(self, account_id: int, entry_id: int) -> TransactionRow | None:
        stmt = (
            select(TransactionRow)
            .where(
                TransactionRow.account_id == account_id,
                TransactionRow.id == entry_id,
                TransactionRow.status == "active",
            )
            .with_for_update()
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    def _audit(
        self,
        account_id: int,
        entry_id: int,
        action: str,
        actor: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self._s.add(
            AuditLogRow(
                account_id=account_id,
                transaction_id=entry_id,
                action=action,
                actor=actor,
                before=before,
                after=after,
            )
        )

    async def active(self, account_id: int) -> list[SavedEntry]:
        stmt = (
            select(TransactionRow)
            .where(TransactionRow.account_id == account_id, TransactionRow.status == "active")
            .order_by(TransactionRow.transaction_date, TransactionRow.id)
        )
        return [from_row(r) for r in (await self._s.execute(stmt)).scalars()]

    async def known_names(
        self, platform: str, platform_user_id: str, limit: int = 300
    ) -> tuple[set[str], set[str], set[str]]:
        """Counterparties, products and units from the recent entries of the account behind
        this identity (empty for someone new). One query: it runs for every message."""
        stmt = (
            select(TransactionRow.users, TransactionRow.products)
            .join(IdentityRow, IdentityRow.account_id == TransactionRow.account_id)
            .where(
                IdentityRow.platform == platform,
                IdentityRow.platform_user_id == platform_user_id,
                TransactionRow.status == "active",
            )
            .order_by(TransactionRow.id.desc())
            .limit(limit)
        )
        users: set[str] = set()
        products: set[str] = set()
        units: set[str] = set()
        for row_users, row_products in await self._s.execute(stmt):
            users.update(row_users)
            for p in row_products:
                products.add(p["name"])
                if p.get("unit"):
                    units.add(p["unit"])
        return users, products, units

    async def add_voice_record(
        self,
        account_id: int,
        *,
        file_path: str,
        duration: Any,
        transcript: str,
        recogniser: str,
        transaction_id: int | None = None,
    ) -> int:
        row = VoiceRecordRow(
            account_id=account_id,
            file_path=file_path,
            duration_seconds=duration,
            transcript=transcript,
            recogniser=recogniser,
            transaction_id=transaction_id,
        )
        self._s.add(row)
        await self._s.flush()
        return row.id

    async def link_voice_record(self, voice_record_id: int, transaction_id: int) -> None:
        await self._s.execute(
            update(VoiceRecordRow)
            .where(VoiceRecordRow.id == voice_record_id)
            .values(transaction_id=transaction_id)
        )
