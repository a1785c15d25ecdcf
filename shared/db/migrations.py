"""Alembic, one migration history per service database.

A service's `migrations/env.py` calls `run_env(metadata)`; `upgrade(script_location, url)` runs
it. Upgrades hold an advisory lock so two processes starting together migrate once.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection

from shared.db.engine import make_engine

MIGRATION_LOCK = 7_200_001
# What autogenerate compares, for `alembic revision --autogenerate` and the schema tests alike.
COMPARE_OPTIONS: dict[str, Any] = {"compare_type": True, "compare_server_default": True}


def alembic_config(script_location: Path, database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(script_location: Path, database_url: str, revision: str = "head") -> None:
    """Bring the database to `revision` (blocking; call from a thread inside an event loop)."""
    command.upgrade(alembic_config(script_location, database_url), revision)


def current_heads(script_location: Path) -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory(str(script_location)).get_heads())


def run_env(target_metadata: MetaData | None = None) -> None:
    """The body of every service's env.py (online mode, async engine)."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"

    def do_run(connection: Connection) -> None:
        connection.execute(text(f"SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        try:
            context.configure(connection=connection, target_metadata=target_metadata, **COMPARE_OPTIONS)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            connection.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
            connection.commit()

    async def main() -> None:
        engine = make_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as conn:
            await conn.run_sync(do_run)
        await engine.dispose()

    asyncio.run(main())


def schema_drift(connection: Connection, metadata: MetaData) -> tuple[list[Any], set[str]]:
    """What autogenerate would change to make the database match `metadata`, and the tables compared."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    compared: set[str] = set()

    def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table" and name:
            compared.add(name)
        return True

    ctx = MigrationContext.configure(connection, opts={**COMPARE_OPTIONS, "include_object": include_object})
    return list(compare_metadata(ctx, metadata)), compared


def create_outbox_and_inbox() -> None:
    """Used by each service's first migration: the outbox and inbox tables."""
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("headers", sa.dialects.postgresql.JSONB, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.Column("published_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_outbox_unpublished", "outbox", ["id"], postgresql_where=sa.text("published_at IS NULL")
    )
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"])
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(100), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    )
