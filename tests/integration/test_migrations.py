"""Migrations go up, down and up again cleanly, and agree with the models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from storage import db
from storage.models import Base
from storage.reports import Filters, ReportRepository

pytestmark = pytest.mark.integration


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_is_clean(pg_url: str) -> None:
    db.downgrade(pg_url, "base")
    assert _tables(pg_url) == set()
    assert db.current(pg_url) is None
    db.upgrade(pg_url)
    assert _tables(pg_url) == set(Base.metadata.tables)
    assert db.current(pg_url) == "0006_voice_phone"


def test_models_and_migrations_agree(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


V1_ROWS = """
INSERT INTO accounts (id, name) VALUES (1, 'v1');
INSERT INTO transactions (account_id, type, amount, transaction_date, users, containers,
                          description, tags, dedup_key)
VALUES (1, 'credit', 1200, '2026-03-01', '{老王}', '[]', '赊账', '{花}', 'v1-a'),
       (1, 'settle', 500, '2026-03-02', '{老王}', '[]', NULL, '{}', 'v1-b'),
       (1, 'borrow', NULL, '2026-03-02', '{老李}', '[{"name": "筐", "quantity": "20"}]',
        NULL, '{}', 'v1-c'),
       (1, 'income', 300, '2026-03-03', '{}', '[]', NULL, '{}', 'v1-d');
"""


def _sql(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


async def _summary(url: str, metric: str) -> list[tuple[str, Decimal]]:
    engine = db.make_engine(url)
    try:
        async with db.make_sessions(engine)() as s:
            f = Filters(account_id=1, end=dt.date(2026, 3, 31))
            return (await ReportRepository(s).summarise(metric, f)).lines
    finally:
        await engine.dispose()


async def test_version_1_books_keep_their_meaning(pg_url: str) -> None:
    db.downgrade(pg_url, "0001")
    for statement in V1_ROWS.strip().split(";\n"):
        _sql(pg_url, statement)
    db.upgrade(pg_url)
    # A version-1 credit had nothing paid at the time; no other type carries `paid`.
    assert _sql(pg_url, "SELECT type, paid FROM transactions ORDER BY id") == [
        ("credit", Decimal("0.00")), ("settle", None), ("borrow", None), ("income", None),
    ]
    assert await _summary(pg_url, "receivable") == [("老王", Decimal("700.00"))]
    assert await _summary(pg_url, "containers") == [("老李·筐", Decimal("20"))]


def test_downgrade_refuses_while_version_2_entries_exist(pg_url: str) -> None:
    _sql(pg_url, "INSERT INTO accounts (id, name) VALUES (1, 'v2')")
    _sql(
        pg_url,
        "INSERT INTO transactions (account_id, type, amount, paid, transaction_date,"
        " dedup_key) VALUES (1, 'payable', 800, 0, '2026-03-01', 'v2-a')",
    )
    head = db.current(pg_url)
    with pytest.raises(Exception, match="version-2 types"):
        db.downgrade(pg_url, "0001")
    # Nothing half-done (one transaction): still at head, the entry and its `paid` there.
    assert db.current(pg_url) == head
    assert _sql(pg_url, "SELECT type, paid FROM transactions") == [
        ("payable", Decimal("0.00"))
    ]
