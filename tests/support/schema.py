"""Do a service's models and its migrations agree? Migrate a new database, ask autogenerate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from shared.db.migrations import schema_drift
from tests.support.postgres import drop_database, fresh_database, migrated_database


async def drift_after_migrating(
    server_url: str, migrations: Path, metadata: MetaData, *, template: bool
) -> tuple[list[Any], set[str]]:
    """Autogenerate's diff between `metadata` and a database at head (built by running the chain,
    or copied from the test template), and the names of the tables it compared."""
    prefix = f"{migrations.parent.name}_schema"
    if template:
        url = await fresh_database(server_url, prefix, migrations)
    else:
        url = await migrated_database(server_url, prefix, migrations)
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(schema_drift, metadata)
    finally:
        await engine.dispose()
        await drop_database(url)
