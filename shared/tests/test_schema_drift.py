"""`schema_drift` against real PostgreSQL: the shared tables' definitions match what the migration
helpers create, and a model that differs from the database is reported, not passed over."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import audit
from shared.db.engine import make_engine
from shared.db.migrations import create_outbox_and_inbox, schema_drift
from shared.db.tables import add_shared_tables
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration


@pytest.fixture
async def migrated(pg_server: str) -> AsyncIterator[AsyncEngine]:
    """A database holding what the shared migration helpers create: outbox, inbox, audit_log."""
    url = await fresh_database(pg_server, "drift_test")
    engine = make_engine(url, pool_size=1)

    def create(conn: sa.Connection) -> None:
        with Operations.context(MigrationContext.configure(conn)):
            create_outbox_and_inbox()
            audit.create_audit_log_table()

    async with engine.begin() as conn:
        await conn.run_sync(create)
    yield engine
    await engine.dispose()
    await drop_database(url)


async def test_the_shared_tables_match_their_migration_helpers(migrated: AsyncEngine) -> None:
    metadata = add_shared_tables(sa.MetaData(), audit_log=True)
    async with migrated.connect() as conn:
        diff, tables = await conn.run_sync(schema_drift, metadata)
    assert diff == []
    assert tables == {"outbox", "inbox", "audit_log"}


async def test_a_model_unlike_the_database_is_reported(migrated: AsyncEngine) -> None:
    metadata = add_shared_tables(sa.MetaData(), audit_log=False)  # audit_log is in the database only
    metadata.tables["inbox"].append_column(sa.Column("note", sa.Text))  # in the model only
    metadata.tables["outbox"].c.topic.type = sa.String(100)  # the database has String(200)
    async with migrated.connect() as conn:
        diff, tables = await conn.run_sync(schema_drift, metadata)
    kinds = sorted(d[0] if isinstance(d, tuple) else d[0][0] for d in diff)
    assert kinds == ["add_column", "modify_type", "remove_index", "remove_table"]
    assert tables == {"outbox", "inbox", "audit_log"}
