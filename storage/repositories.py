"""Data access for accounts and entries. Repositories flush but never commit:
the dispatcher owns one unit of work per incoming message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, cast, func, literal_column, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Entry, EntryType
from storage.entries import Provenance, SavedEntry, from_row, to_row_values
from storage.models import AuditLogRow, IdentityRow, TransactionRow, VoiceRecordRow

Sort = Literal["date:desc", "date:asc", "amount:desc", "amount:asc"]


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Which of an account's active entries a list asks for; None = any."""

    start: dt.date | None = None
    end: dt.date | None = None
    type: EntryType | None = None
    category: str | None = None
    keyword: str | None = None  # matched in remark, counterparties, products and category
    users: tuple[str, ...] = ()  # any of them
    product: str | None = None
    amount: Decimal | None = None
    sort: Sort = "date:desc"


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
        self._audit(account_id, row.id, "create", actor, None, saved)
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
        return None if entry_id is None else await self.delete(account_id, entry_id, actor)

    async def revert_edit(
        self, account_id: int, actor: str
    ) -> tuple[SavedEntry, SavedEntry] | None:
        """Undo `actor`'s latest change when it was an edit: the entry gets its version from
        before it back, audited as another update; (edited, restored). None when the latest
        change was something else, or was itself such a restore (undo does not toggle)."""
        latest = (await self._s.execute(
            select(AuditLogRow)
            .where(AuditLogRow.account_id == account_id, AuditLogRow.actor == actor)
            .order_by(AuditLogRow.id.desc()).limit(1)
        )).scalar_one_or_none()
        if latest is None or latest.action != "update" or latest.before is None:
            return None
        prior = (await self._s.execute(
            select(AuditLogRow)
            .where(AuditLogRow.transaction_id == latest.transaction_id,
                   AuditLogRow.id < latest.id)
            .order_by(AuditLogRow.id.desc()).limit(1)
        )).scalar_one_or_none()
        if prior is not None and prior.action == "update" and (prior.before, prior.after) == (
                latest.after, latest.before):
            return None
        fields = {k: v for k, v in latest.before.items() if k not in ("id", "source")}
        return await self.replace(
            account_id, latest.transaction_id, Entry.model_validate(fields), actor
        )

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
        """Active entries that fit every criterion a message named, latest first."""
        where = EntryFilter(
            start=day, end=day, users=tuple(users), product=product, category=category,
            amount=amount,
        )
        return (await self.search(account_id, where, offset=0, limit=limit))[0]

    async def get(self, account_id: int, entry_id: int) -> SavedEntry | None:
        """One active entry of this account; another account's id is simply not found."""
        row = await self._active_row(account_id, entry_id, lock=False)
        return None if row is None else from_row(row)

    async def search(
        self, account_id: int, where: EntryFilter, *, offset: int, limit: int
    ) -> tuple[list[SavedEntry], int]:
        """One page of matching active entries and how many match in all."""
        conditions = _conditions(account_id, where)
        count = select(func.count()).select_from(TransactionRow).where(*conditions)
        total = (await self._s.execute(count)).scalar_one()
        column = TransactionRow.amount if where.sort.startswith("amount") else (
            TransactionRow.transaction_date
        )
        descending = where.sort.endswith("desc")
        order = column.desc().nulls_last() if descending else column.asc().nulls_last()
        tie = TransactionRow.id.desc() if descending else TransactionRow.id.asc()
        stmt = (
            select(TransactionRow).where(*conditions).order_by(order, tie)
            .offset(offset).limit(limit)
        )
        return [from_row(r) for r in (await self._s.execute(stmt)).scalars()], total

    async def replace(
        self, account_id: int, entry_id: int, entry: Entry, actor: str
    ) -> tuple[SavedEntry, SavedEntry] | None:
        """Overwrite an active entry's fields (provenance is kept); (before, after)."""
        row = await self._active_row(account_id, entry_id, lock=True)
        if row is None:
            return None
        before = from_row(row)
        values = to_row_values(entry, before.provenance)
        stmt = (
            update(TransactionRow).where(TransactionRow.id == entry_id)
            .values(**values, updated_at=func.now()).returning(TransactionRow)
        )
        after = from_row((await self._s.execute(stmt)).scalar_one())
        self._audit(account_id, entry_id, "update", actor, before, after)
        await self._s.flush()
        return before, after

    async def delete(self, account_id: int, entry_id: int, actor: str) -> SavedEntry | None:
        """Soft-delete one active entry, with an audit row; None when there is none."""
        row = await self._active_row(account_id, entry_id, lock=True)
        if row is None:
            return None
        before = from_row(row)
        await self._s.execute(
            update(TransactionRow).where(TransactionRow.id == entry_id).values(status="deleted")
        )
        self._audit(account_id, entry_id, "delete", actor, before, None)
        await self._s.flush()
        return before

    async def _active_row(
        self, account_id: int, entry_id: int, *, lock: bool
    ) -> TransactionRow | None:
        stmt = select(TransactionRow).where(
            TransactionRow.id == entry_id,
            TransactionRow.account_id == account_id,
            TransactionRow.status == "active",
        )
        if lock:
            stmt = stmt.with_for_update()
        return (await self._s.execute(stmt)).scalar_one_or_none()

    def _audit(
        self, account_id: int, entry_id: int, action: str, actor: str,
        before: SavedEntry | None, after: SavedEntry | None,
    ) -> None:
        self._s.add(
            AuditLogRow(
                account_id=account_id,
                transaction_id=entry_id,
                action=action,
                actor=actor,
                before=before.to_export() if before else None,
                after=after.to_export() if after else None,
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
        this identity (empty for someone new). One query: it runs for every message.
        Recent by day, so the account's (account_id, transaction_date) index yields just
        `limit` rows; by id it would read every row of the account first (1M-entry books)."""
        # The account as a scalar subquery (not a join), so the planner knows it before
        # choosing the index scan.
        account = (
            select(IdentityRow.account_id)
            .where(
                IdentityRow.platform == platform,
                IdentityRow.platform_user_id == platform_user_id,
            )
            .scalar_subquery()
        )
        stmt = (
            select(TransactionRow.users, TransactionRow.products)
            .where(TransactionRow.account_id == account, TransactionRow.status == "active")
            .order_by(TransactionRow.transaction_date.desc())
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

    async def link_voice_record(self, voice_record_id: int, transaction_id: int) -> None:
        await self._s.execute(
            update(VoiceRecordRow)
            .where(VoiceRecordRow.id == voice_record_id)
            .values(transaction_id=transaction_id)
        )


def _like(text: str) -> str:
    """A LIKE pattern that matches `text` literally (its own % and _ are escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


PRODUCT_NAMES: ColumnElement[Any] = literal_column("'$[*].name'::jsonpath")


def _conditions(account_id: int, where: EntryFilter) -> list[ColumnElement[bool]]:
    t = TransactionRow
    out: list[ColumnElement[bool]] = [t.account_id == account_id, t.status == "active"]
    if where.start is not None:
        out.append(t.transaction_date >= where.start)
    if where.end is not None:
        out.append(t.transaction_date <= where.end)
    if where.type is not None:
        out.append(t.type == where.type.value)
    if where.category is not None:
        out.append(t.category == where.category)
    if where.users:
        out.append(t.users.overlap(list(where.users)))
    if where.product:
        out.append(t.products.contains([{"name": where.product}]))
    if where.amount is not None:
        out.append(t.amount == where.amount)
    if where.keyword:
        pattern = _like(where.keyword)
        out.append(
            or_(
                t.remark.ilike(pattern, escape="\\"),
                t.category.ilike(pattern, escape="\\"),
                func.array_to_string(t.users, " ").ilike(pattern, escape="\\"),
                # Product names only: the JSONB keys ("name", "unit") must not match.
                cast(func.jsonb_path_query_array(t.products, PRODUCT_NAMES), String).ilike(
                    pattern, escape="\\"
                ),
            )
        )
    return out
