"""Test databases on a real PostgreSQL server.

`ZONES_TEST_DATABASE_URL` (a server URL) points the tests at an existing server; without it the
tests start the embedded server (port 55433, data in `.zones/test-postgres`).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from console.local.postgres import EmbeddedPostgres
from shared.db.engine import asyncpg_dsn, ensure_database, with_database
from shared.db.migrations import upgrade
from tests.support.template_databases import create_from_template

ROOT = Path(__file__).resolve().parents[2]


def embedded_test_server() -> EmbeddedPostgres:
    """The tests' own PostgreSQL (port 55433 or ZONES_TEST_PG_PORT, data in `.zones/test-postgres`)."""
    port = int(os.environ.get("ZONES_TEST_PG_PORT", "55433"))
    return EmbeddedPostgres(ROOT / ".zones" / "test-postgres", port=port, fsync=False)


async def fresh_database(server_url: str, prefix: str, migrations: Path | None = None) -> str:
    """A new, empty database (migrated when `migrations` is given); its SQLAlchemy URL.

    A migrated one is a copy of the service's template database, so each service's migration
    chain runs once per server and migration history, not once per test.
    """
    url = with_database(server_url, f"{prefix}_{uuid.uuid4().hex[:10]}")
    if migrations is None:
        await ensure_database(url)
    else:
        await create_from_template(server_url, make_url(url).database or "", migrations)
    return url


async def migrated_database(server_url: str, prefix: str, migrations: Path) -> str:
    """A new database migrated by running the whole chain (no template); its SQLAlchemy URL."""
    url = await fresh_database(server_url, prefix)
    await asyncio.to_thread(upgrade, migrations, url)
    return url


async def drop_database(url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(asyncpg_dsn(with_database(url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
