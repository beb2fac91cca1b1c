"""Voice records: every recording kept, heard or not, so no vendor's words are lost.

A recording nobody could hear yet (no recogniser configured, or it failed) is `unheard`
and waits for a retry; once heard, its transcript goes through the dialogue like any
voice message. Repositories flush but never commit (the caller owns the unit of work).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import IdentityRow, VoiceRecordRow

Status = Literal["heard", "unheard"]


@dataclass(frozen=True, slots=True)
class VoiceRecord:
    id: int
    account_id: int
    file_path: str
    duration_seconds: Decimal
    transcript: str
    recogniser: str
    status: Status
    reason: str | None
    chat_key: str
    attempts: int
    transaction_id: int | None
    created_at: dt.datetime


class VoiceRecords:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(
        self, account_id: int, *, file_path: str, duration: Decimal, chat_key: str,
        transcript: str = "", recogniser: str = "", reason: str | None = None,
    ) -> int:
        """Keep one recording: heard when it has a transcript, else unheard for `reason`."""
        row = VoiceRecordRow(
            account_id=account_id, file_path=file_path, duration_seconds=duration,
            transcript=transcript, recogniser=recogniser, chat_key=chat_key,
            status="heard" if transcript else "unheard", reason=None if transcript else reason,
        )
        self._s.add(row)
        await self._s.flush()
        return row.id

    async def heard(self, record_id: int, transcript: str, recogniser: str) -> bool:
        """A retry heard it: the transcript is stored and the record leaves the queue.
        False when another retry got there first (nothing is changed then)."""
        stmt = (
            update(VoiceRecordRow)
            .where(VoiceRecordRow.id == record_id, VoiceRecordRow.status == "unheard")
            .values(status="heard", transcript=transcript, recogniser=recogniser, reason=None,
                    attempts=VoiceRecordRow.attempts + 1, updated_at=func.now())
            .returning(VoiceRecordRow.id)
        )
        return (await self._s.execute(stmt)).scalar_one_or_none() is not None

    async def still_unheard(self, record_id: int, reason: str) -> None:
        await self._s.execute(
            update(VoiceRecordRow).where(VoiceRecordRow.id == record_id).values(
                reason=reason, attempts=VoiceRecordRow.attempts + 1, updated_at=func.now())
        )

    async def oldest_unheard(self, account_id: int) -> tuple[VoiceRecord | None, int]:
        """The recording to retry first and how many are waiting in all. Recognition runs
        outside any transaction, so two retries may pick the same one: `heard` lets only
        the first of them count."""
        waiting = (VoiceRecordRow.account_id == account_id, VoiceRecordRow.status == "unheard")
        stmt = (
            select(VoiceRecordRow).where(*waiting).order_by(VoiceRecordRow.id).limit(1)
        )
        row = (await self._s.execute(stmt)).scalar_one_or_none()
        count = select(func.count()).select_from(VoiceRecordRow).where(*waiting)
        return (None if row is None else _record(row)), (await self._s.execute(count)).scalar_one()

    async def get(self, account_id: int, record_id: int) -> VoiceRecord | None:
        row = await self._s.get(VoiceRecordRow, record_id)
        return None if row is None or row.account_id != account_id else _record(row)

    async def page(
        self, account_id: int, *, offset: int, limit: int
    ) -> tuple[list[VoiceRecord], int]:
        """An account's recordings, newest first, and how many there are."""
        mine = VoiceRecordRow.account_id == account_id
        stmt = (
            select(VoiceRecordRow).where(mine).order_by(VoiceRecordRow.id.desc())
            .offset(offset).limit(limit)
        )
        rows = [_record(r) for r in (await self._s.execute(stmt)).scalars()]
        count = select(func.count()).select_from(VoiceRecordRow).where(mine)
        return rows, (await self._s.execute(count)).scalar_one()

    async def chats_waiting(self, platform: str | None, user: str | None) -> list[str]:
        """Chat keys with unheard recordings (of one identity when given), oldest first."""
        stmt = (
            select(VoiceRecordRow.chat_key, func.min(VoiceRecordRow.id).label("first"))
            .where(VoiceRecordRow.status == "unheard", VoiceRecordRow.chat_key != "")
            .group_by(VoiceRecordRow.chat_key).order_by("first")
        )
        if user is not None:
            stmt = stmt.join(IdentityRow, IdentityRow.account_id == VoiceRecordRow.account_id)
            stmt = stmt.where(IdentityRow.platform_user_id == user)
            if platform is not None:
                stmt = stmt.where(IdentityRow.platform == platform)
        return [key for key, _ in await self._s.execute(stmt)]


def _record(row: VoiceRecordRow) -> VoiceRecord:
    return VoiceRecord(
        id=row.id, account_id=row.account_id, file_path=row.file_path,
        duration_seconds=row.duration_seconds, transcript=row.transcript,
        recogniser=row.recogniser, status="heard" if row.status == "heard" else "unheard",
        reason=row.reason, chat_key=row.chat_key, attempts=row.attempts,
        transaction_id=row.transaction_id, created_at=row.created_at,
    )
