"""Migrations go up, down and up again cleanly, and agree with the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from storage import db
from storage.models import Base

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
    assert db.current(pg_url) == "0003_api"


def test_models_and_migrations_agree(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
