"""The unit of work: one transaction holding a state change, its outbox rows and its inbox claim.

Only the unit of work commits. Events leave through the outbox only: `emit` queues an event, and
`commit` collects the events of the aggregates the service names (`seen_aggregates`), writes them to
the outbox table in the same transaction, then wakes the relay. `unit_of_work_factory` is the factory
every bootstrap hands its consumer, jobs and routes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.clock import Clock
from shared.db import audit
from shared.db.batch import (
    OUTBOX_CHANNEL,
    BatchTransaction,
    UncommittedChanges,
    batch_transaction,
    current,
    relay_waker,
)
from shared.db.eventing import EventingUnitOfWork
from shared.db.tables import inbox, outbox
from shared.events.envelope import Envelope

__all__ = ["OUTBOX_CHANNEL", "SqlUnitOfWork", "SqlUnitOfWorkFactory", "unit_of_work_factory"]


class SqlUnitOfWork(EventingUnitOfWork):
    """Subclass per service and build repositories in `_open(session)`.

    A service whose database has the `audit_log` table sets `audited = True`: every event it
    emits (each state change of an application or zone raises one) is appended to the aggregate's
    hash chain in the same transaction; `record` adds a change that raises no event (an attachment).
    """

    audited = False

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        source: str,
        clock: Clock,
        cause: Envelope | None = None,
        correlation_id: str | None = None,
    ) -> None:
        super().__init__(source=source, clock=clock, cause=cause, correlation_id=correlation_id)
        self._sessions = sessions
        self._depth = 0
        self._batch: BatchTransaction | None = None
        self.committed = False  # commit() was called (the consumer releases a batch claim otherwise)

    def _open(self, session: AsyncSession) -> None:
        """Hook for subclasses: build repositories on the session."""

    async def __aenter__(self) -> Self:
        # Re-entrant: a consumer opens the unit of work (so the inbox claim shares its
        # transaction) and the handler it calls opens it again; only the outermost exit closes.
        self._depth += 1
        if self._depth == 1:
            # A consumer applying a batch (shared/db/batch.py): join its transaction
            self._batch = current()
            self.session = self._batch.session if self._batch else self._sessions()
            self._pending, self._unevented = [], []
            self._open(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._depth -= 1
        if self._depth == 0:
            s = self.session
            left = self._pending or self._unevented or s.new or s.dirty or s.deleted
            self._pending, self._unevented = [], []
            if self._batch is None:
                await self.session.rollback()
                await self.session.close()
            elif exc_type is None and left:
                raise UncommittedChanges("a handler left changes in a batch without committing them")

    async def claim(self, consumer: str, envelope: Envelope) -> bool:
        """Record that `consumer` applies `envelope`; False when it already did (a redelivery)."""
        stmt = (
            insert(inbox)
            .values(consumer=consumer, event_id=envelope.id, event_type=envelope.type)
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        result = await self.session.execute(stmt)
        return result.first() is not None

    async def commit(self) -> None:
        self.collect_events()
        rows = [
            {
                "event_id": e.id,
                "event_type": e.type,
                "topic": e.topic,
                "key": e.subject,
                "headers": e.headers(),
                "value": e.value().decode(),
            }
            for e in self._pending
        ]
        entries = [
            audit.Entry(e.subject, e.time or self.clock.now(), e.source, e.type, e.data)
            for e in (self._pending if self.audited else ())
        ]
        now = self.clock.now()
        entries += [audit.Entry(a, now, actor, action, info) for a, actor, action, info in self._unevented]
        if self._batch is None:
            wake = relay_waker(self.session) if rows else None
            if rows:
                await self.session.execute(insert(outbox), rows)
                if wake is None:  # the relay runs in another process (shared/db/outbox_wake.py)
                    await self.session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
            for entry in entries:
                await audit.append(self.session, *entry)
            await self.session.commit()
            if wake is not None:
                wake()
        else:  # the batch writes outbox rows and audit entries, in this order, and commits once
            self._batch.defer(self.cause, rows, entries)
            await self.session.flush()  # what this one changed is sent now, so the next event sees it
        self.committed = True
        self.emitted.extend(self._pending)
        self._pending, self._unevented = [], []

    async def rollback(self) -> None:
        self._pending, self._unevented = [], []
        if self._batch is not None:  # it would undo the other events of the batch too
            raise UncommittedChanges("a handler rolled back inside a batch")
        await self.session.rollback()


U = TypeVar("U", bound=SqlUnitOfWork)


class SqlUnitOfWorkFactory(Generic[U]):
    """One `cls` per call; `batch()` opens a transaction that the units of work made inside it join
    (the consumer's batches, shared/db/batch.py)."""

    def __init__(
        self, cls: Callable[..., U], sessions: async_sessionmaker[AsyncSession], **options: Any
    ) -> None:
        self.cls, self.sessions, self.options = cls, sessions, options

    def __call__(self, cause: Envelope | None = None, correlation_id: str | None = None) -> U:
        return self.cls(self.sessions, cause=cause, correlation_id=correlation_id, **self.options)

    def batch(self) -> AbstractAsyncContextManager[BatchTransaction]:
        return batch_transaction(self.sessions)


def unit_of_work_factory(
    cls: Callable[..., U],
    sessions: async_sessionmaker[AsyncSession],
    *,
    source: str,
    clock: Clock,
    **extra: Any,
) -> SqlUnitOfWorkFactory[U]:
    """The factory a service's bootstrap hands its consumer, jobs and routes: one `cls` per call."""
    return SqlUnitOfWorkFactory(cls, sessions, source=source, clock=clock, **extra)
