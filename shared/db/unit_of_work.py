"""The unit of work: one transaction holding a state change, its outbox rows and its inbox claim.

Only the unit of work commits. Events leave through the outbox only: `emit` queues an event, and
`commit` collects the events of the aggregates the service names (`seen_aggregates`), writes them to
the outbox table in the same transaction, then wakes the relay. `unit_of_work_factory` is the factory
every bootstrap hands its consumer, jobs and routes.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.clock import Clock
from shared.db import audit, outbox_wake
from shared.db.eventing import EventingUnitOfWork
from shared.db.ports import UnitOfWorkFactory
from shared.db.tables import inbox, outbox
from shared.events.envelope import Envelope

OUTBOX_CHANNEL = "zones_outbox"


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

    def _open(self, session: AsyncSession) -> None:
        """Hook for subclasses: build repositories on the session."""

    async def __aenter__(self) -> Self:
        # Re-entrant: a consumer opens the unit of work (so the inbox claim shares its
        # transaction) and the handler it calls opens it again; only the outermost exit closes.
        self._depth += 1
        if self._depth == 1:
            self.session = self._sessions()
            self._pending, self._unevented = [], []
            self._open(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._pending, self._unevented = [], []
            await self.session.rollback()
            await self.session.close()

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
        wake = self._relay_waker() if self._pending else None
        if self._pending:
            await self.session.execute(
                insert(outbox),
                [
                    {
                        "event_id": e.id,
                        "event_type": e.type,
                        "topic": e.topic,
                        "key": e.subject,
                        "headers": e.headers(),
                        "value": e.value().decode(),
                    }
                    for e in self._pending
                ],
            )
            if wake is None:  # the relay runs in another process (shared/db/outbox_wake.py)
                await self.session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
            if self.audited:
                for e in self._pending:
                    await audit.append(
                        self.session, e.subject, e.time or self.clock.now(), e.source, e.type, e.data
                    )
        for aggregate_id, actor, action, detail in self._unevented:
            await audit.append(self.session, aggregate_id, self.clock.now(), actor, action, detail)
        await self.session.commit()
        if wake is not None:
            wake()
        self.emitted.extend(self._pending)
        self._pending, self._unevented = [], []

    def _relay_waker(self) -> Callable[[], None] | None:
        url = getattr(self.session.bind, "url", None)
        return outbox_wake.local_waker(outbox_wake.database_key(url)) if url is not None else None

    async def rollback(self) -> None:
        self._pending, self._unevented = [], []
        await self.session.rollback()


U = TypeVar("U", bound=SqlUnitOfWork)


def unit_of_work_factory(
    cls: Callable[..., U],
    sessions: async_sessionmaker[AsyncSession],
    *,
    source: str,
    clock: Clock,
    **extra: Any,
) -> UnitOfWorkFactory[U]:
    """The factory a service's bootstrap hands its consumer, jobs and routes: one `cls` per call."""

    def make(cause: Envelope | None = None, correlation_id: str | None = None) -> U:
        return cls(sessions, source=source, clock=clock, cause=cause, correlation_id=correlation_id, **extra)

    return make
