"""Finished messages in PostgreSQL: the long-lived "done" marker of a platform message.

`record` runs inside the message's own transaction, so the row exists exactly when the
message's changes were committed; `find` reads it back, for a redelivery or to learn the
outcome of a commit whose answer never arrived.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import HandledMessageRow


class HandledMessages:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, message_key: str) -> list[dict[str, Any]] | None:
        """The stored replies of a finished message, or None if it never committed."""
        stmt = select(HandledMessageRow.replies).where(
            HandledMessageRow.message_key == message_key
        )
        return (await self._s.execute(stmt)).scalar_one_or_none()

    async def record(self, message_key: str, replies: list[dict[str, Any]]) -> None:
        # A plain INSERT: a second worker finishing the same message at the same time fails
        # on the primary key and rolls its whole transaction back, so nothing is done twice.
        await self._s.execute(
            insert(HandledMessageRow).values(message_key=message_key, replies=replies)
        )

    async def forget_before(self, cutoff: dt.datetime) -> int:
        """Drop markers older than any redelivery or replay window (a scheduled job)."""
        result = await self._s.execute(
            delete(HandledMessageRow).where(HandledMessageRow.created_at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)
