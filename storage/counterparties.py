"""An account's counterparties as the vendor names them: every name in its books, the
aliases the vendor confirmed (李哥 = 老李) and credit limits (欠款额度). No commits here."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AliasRow, CounterpartyRow

# Every counterparty named in the account's active entries, plus those known only by a
# setting (a limit set before the first sale). One account is about a thousand rows a year,
# read through the account/date index.
_NAMES = text(
    "SELECT DISTINCT u FROM transactions t, unnest(t.users) u"
    " WHERE t.account_id = :a AND t.status = 'active' AND u <> ''"
    " UNION SELECT name FROM counterparties WHERE account_id = :a"
)


class CounterpartyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def names(self, account_id: int) -> set[str]:
        return {n for (n,) in await self._s.execute(_NAMES, {"a": account_id})}

    async def aliases(self, account_id: int) -> dict[str, str]:
        stmt = select(AliasRow.alias, AliasRow.name).where(AliasRow.account_id == account_id)
        return {a: n for a, n in await self._s.execute(stmt)}

    async def learn_alias(self, account_id: int, alias: str, name: str) -> None:
        """From now on `alias` means `name` in this account (a later answer replaces it)."""
        stmt = insert(AliasRow).values(account_id=account_id, alias=alias, name=name)
        stmt = stmt.on_conflict_do_update(constraint="account_alias", set_={"name": name})
        await self._s.execute(stmt)

    async def set_limit(self, account_id: int, name: str, limit: Decimal | None) -> None:
        """Set (or, with None, remove) the credit limit of `name`."""
        stmt = insert(CounterpartyRow).values(account_id=account_id, name=name, credit_limit=limit)
        stmt = stmt.on_conflict_do_update(
            constraint="account_counterparty",
            set_={"credit_limit": limit, "updated_at": func.now()},
        )
        await self._s.execute(stmt)

    async def limits(self, account_id: int, names: list[str]) -> dict[str, Decimal]:
        """The credit limits set for any of `names`."""
        if not names:
            return {}
        stmt = select(CounterpartyRow.name, CounterpartyRow.credit_limit).where(
            CounterpartyRow.account_id == account_id,
            CounterpartyRow.name.in_(names),
            CounterpartyRow.credit_limit.is_not(None),
        )
        return {n: v for n, v in await self._s.execute(stmt) if v is not None}
