"""One transaction for a batch of consumed events: the consumer claims the batch in the inbox with one
statement, applies each event's handler in order in a unit of work that joins this transaction, and
commits once.

A unit of work opened while a batch is current (in the consumer's task) joins it: its `commit` flushes
its changes and hands its outbox rows and audit entries to the batch, which writes them (one statement
each, in commit order) and commits once. A handler that returns
without committing must have changed nothing (its claim is released at the end, as the one-by-one path
rolls it back); one that left changes behind fails the batch (`UncommittedChanges`), and the consumer
applies that batch again one event at a time, each in its own transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from contextvars import ContextVar
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.db import audit, outbox_wake
from shared.db.tables import inbox, outbox
from shared.events.envelope import Envelope

OUTBOX_CHANNEL = "zones_outbox"

_current: ContextVar[BatchTransaction | None] = ContextVar("zones_batch_transaction", default=None)


class UncommittedChanges(RuntimeError):
    """A handler left changes in a batch without committing them: only a transaction of its own can
    drop them, so the batch is applied again one event at a time."""


class BatchTransaction:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.committed: set[str] = set()  # ids of the events whose unit of work committed
        self.outbox: list[dict[str, Any]] = []  # rows of the committed units of work, in order
        self.audit: list[audit.Entry] = []

    async def claim(self, consumer: str, envelopes: Sequence[Envelope]) -> set[str]:
        """Record that `consumer` applies these events (one statement); the ids it did not hold yet."""
        if not envelopes:
            return set()
        stmt = (
            insert(inbox)
            .values([{"consumer": consumer, "event_id": e.id, "event_type": e.type} for e in envelopes])
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        return set((await self.session.execute(stmt)).scalars())

    async def release(self, consumer: str, event_ids: Sequence[str]) -> None:
        """Drop the claims of events whose handler committed nothing (one statement)."""
        if event_ids:
            await self.session.execute(
                inbox.delete().where(inbox.c.consumer == consumer, inbox.c.event_id.in_(event_ids))
            )

    def defer(self, cause: Envelope | None, rows: list[dict[str, Any]], entries: list[audit.Entry]) -> None:
        """What a joined unit of work commits: written by `commit`, one statement each for the batch."""
        if cause is not None:
            self.committed.add(cause.id)
        self.outbox += rows
        self.audit += entries

    async def commit(self) -> None:
        wake = relay_waker(self.session) if self.outbox else None
        if self.outbox:
            await self.session.execute(insert(outbox), self.outbox)
            if wake is None:  # the relay runs in another process (outbox_wake.py)
                await self.session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
        await audit.append_many(self.session, self.audit)
        await self.session.commit()
        if wake is not None:
            wake()


def relay_waker(session: AsyncSession) -> Callable[[], None] | None:
    """The in-process wake of the relay of `session`'s database, or None: NOTIFY it (outbox_wake.py)."""
    url = getattr(session.bind, "url", None)
    return outbox_wake.local_waker(outbox_wake.database_key(url)) if url is not None else None


def current() -> BatchTransaction | None:
    """The batch transaction a unit of work opened now joins, if any."""
    return _current.get()


@contextlib.asynccontextmanager
async def batch_transaction(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[BatchTransaction]:
    """A session whose one transaction the units of work opened inside this block join; rolled back
    unless `commit` was called."""
    batch = BatchTransaction(sessions())
    token = _current.set(batch)
    try:
        yield batch
    finally:
        _current.reset(token)
        try:
            await batch.session.rollback()
        finally:
            await batch.session.close()
