"""A tamper-evident history: every state change of an application or zone appended to a chain.

Each entry's hash covers the previous entry's hash and its own content, per aggregate; changing,
removing or reordering an entry breaks the chain from there on, and `verify` names the first
broken link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

GENESIS = "0" * 64
INSERT = sa.text(
    "INSERT INTO audit_log (aggregate_id, at, actor, action, detail, prev_hash, hash) "
    "VALUES (:a, :at, :actor, :action, CAST(:detail AS jsonb), :prev, :hash)"
)


class Entry(NamedTuple):
    aggregate_id: str
    at: datetime
    actor: str
    action: str
    detail: Any


def entry_hash(prev_hash: str, aggregate_id: str, at: datetime, actor: str, action: str, detail: Any) -> str:
    body = json.dumps(
        [prev_hash, aggregate_id, at.isoformat(), actor, action, detail],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    )  # fmt: skip
    return hashlib.sha256(body.encode()).hexdigest()


async def append(
    session: AsyncSession, aggregate_id: str, at: datetime, actor: str, action: str, detail: Any
) -> str:
    """Append one entry in the caller's transaction; appends to one aggregate are serialised."""
    await session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:a))"), {"a": aggregate_id})
    prev = (
        await session.execute(
            sa.text("SELECT hash FROM audit_log WHERE aggregate_id = :a ORDER BY seq DESC LIMIT 1"),
            {"a": aggregate_id},
        )
    ).scalar_one_or_none() or GENESIS
    digest = entry_hash(prev, aggregate_id, at, actor, action, detail)
    await session.execute(INSERT, _row(Entry(aggregate_id, at, actor, action, detail), prev, digest))
    return digest


async def append_many(session: AsyncSession, entries: list[Entry]) -> None:
    """Append entries, in order, in the caller's transaction with three statements whatever their
    number (a consumer's batch): lock every aggregate named, read each one's last hash, insert all."""
    if not entries:
        return
    ids = sorted({e.aggregate_id for e in entries})
    await session.execute(
        sa.text(
            "SELECT pg_advisory_xact_lock(hashtext(a)) "
            "FROM (SELECT unnest(CAST(:ids AS text[])) AS a ORDER BY a) AS ids"
        ),
        {"ids": ids},
    )
    rows = await session.execute(
        sa.text(
            "SELECT DISTINCT ON (aggregate_id) aggregate_id, hash FROM audit_log "
            "WHERE aggregate_id = ANY(CAST(:ids AS text[])) ORDER BY aggregate_id, seq DESC"
        ),
        {"ids": ids},
    )
    last: dict[str, str] = {a: h for a, h in rows}
    params = []
    for e in entries:
        prev = last.get(e.aggregate_id, GENESIS)
        last[e.aggregate_id] = entry_hash(prev, *e)
        params.append(_row(e, prev, last[e.aggregate_id]))
    await session.execute(INSERT, params)


def _row(e: Entry, prev: str, digest: str) -> dict[str, Any]:
    detail = json.dumps(e.detail, ensure_ascii=False, default=str)
    return {"a": e.aggregate_id, "at": e.at, "actor": e.actor, "action": e.action, "detail": detail,
            "prev": prev, "hash": digest}  # fmt: skip


@dataclass(frozen=True)
class ChainReport:
    aggregate_id: str | None
    entries: int
    ok: bool
    first_broken_seq: int | None = None
    reason: str = ""


async def verify(session: AsyncSession, aggregate_id: str | None = None) -> ChainReport:
    """Walk every chain (or one aggregate's) and report the first broken link."""
    where = "WHERE aggregate_id = :a" if aggregate_id else ""
    rows = (
        await session.execute(
            sa.text(
                "SELECT seq, aggregate_id, at, actor, action, detail, prev_hash, hash "
                f"FROM audit_log {where} ORDER BY aggregate_id, seq"
            ),
            {"a": aggregate_id} if aggregate_id else {},
        )
    ).all()
    last: dict[str, str] = {}
    for row in rows:
        prev = last.get(row.aggregate_id, GENESIS)
        if row.prev_hash != prev:
            return ChainReport(aggregate_id, len(rows), False, row.seq, "previous hash does not match")
        if entry_hash(prev, row.aggregate_id, row.at, row.actor, row.action, row.detail) != row.hash:
            return ChainReport(
                aggregate_id, len(rows), False, row.seq, "entry content does not match its hash"
            )
        last[row.aggregate_id] = row.hash
    return ChainReport(aggregate_id, len(rows), True)


def audit_log_table(metadata: sa.MetaData) -> sa.Table:
    """The `audit_log` table on a service's metadata (what `create_audit_log_table` migrates)."""
    return sa.Table(
        "audit_log",
        metadata,
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("aggregate_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("detail", JSONB, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Index("ix_audit_log_aggregate", "aggregate_id", "seq"),
    )


def create_audit_log_table() -> None:
    """For a service migration: the audit_log table."""
    from alembic import op
    from sqlalchemy.dialects.postgresql import JSONB

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("aggregate_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("detail", JSONB, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_aggregate", "audit_log", ["aggregate_id", "seq"])
