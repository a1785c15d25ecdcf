"""The tables every service database has (outbox, inbox) and the audit log some keep.

Each service has its own metadata: its tables derive from a base with a registry of its own, and
`add_shared_tables` defines these tables on it too, so the service's migrations can be compared
with all its tables at once. `outbox` and `inbox` below sit on a metadata of their own, for the
statements shared code runs; no migration is compared with it.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, Text, text
from sqlalchemy.dialects.postgresql import JSONB

from shared.db.audit import audit_log_table


def outbox_table(metadata: MetaData) -> Table:
    """Events written in the same transaction as the state change that raised them."""
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("value", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        Column("published_at", DateTime(timezone=True)),
        Index("ix_outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
        Index("ix_outbox_published_at", "published_at"),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Events a consumer has applied; the primary key makes a redelivery a no-op."""
    return Table(
        "inbox",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    )


def add_shared_tables(metadata: MetaData, *, audit_log: bool) -> MetaData:
    """Define outbox and inbox (and `audit_log` when the service keeps one) on a service's metadata."""
    outbox_table(metadata)
    inbox_table(metadata)
    if audit_log:
        audit_log_table(metadata)
    return metadata


_statements = MetaData()
outbox = outbox_table(_statements)
inbox = inbox_table(_statements)
