"""The unit of work: one transaction holding a state change, its outbox rows and its inbox claim.

Only the unit of work commits. Events leave through the outbox only: `emit` queues an event, and
`commit` writes it to the outbox table in the same transaction, then wakes the relay.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.clock import Clock
from shared.db import audit
from shared.db.tables import inbox, outbox
from shared.events.envelope import Envelope
from shared.events.registry import Event

OUTBOX_CHANNEL = "zones_outbox"
EVENT_ID_NAMESPACE = uuid.UUID("6f1c2f4e-4d0a-4b8e-9a53-2b7f0c1d9e01")


class SqlUnitOfWork:
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
        self._sessions = sessions
        self.source = source
        self.clock = clock
        self.cause = cause
        self.correlation_id = cause.correlation_id if cause else correlation_id
        self.emitted: list[Envelope] = []
        self._pending: list[Envelope] = []
        self._unevented: list[tuple[str, str, str, dict[str, Any]]] = []
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

    def emit(self, event: Event) -> Envelope:
        """Queue an event for the outbox; it is written only if this unit of work commits.

        An event caused by another event gets an id derived from (emitter, cause, type, position):
        applying the same cause again (a redelivery past the inbox, a rebuild by replay) emits the
        same ids, which every consumer's inbox then drops.
        """
        ident = None
        if self.cause is not None:
            n = sum(e.type == event.type for e in self._pending)
            ident = str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{self.source}|{self.cause.id}|{event.type}|{n}"))
        env = Envelope.wrap(
            event,
            source=self.source,
            time=self.clock.now(),
            correlation_id=self.correlation_id,
            causation_id=self.cause.id if self.cause else None,
            ident=ident,
        )
        self._pending.append(env)
        return env

    def record(self, aggregate_id: str, actor: str, action: str, detail: dict[str, Any]) -> None:
        """A change that raises no event: joins the aggregate's hash chain if this unit of work commits."""
        self._unevented.append((aggregate_id, actor, action, detail))

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
            await self.session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
            if self.audited:
                for e in self._pending:
                    await audit.append(self.session, e.subject, e.time, e.source, e.type, e.data)
        for aggregate_id, actor, action, detail in self._unevented:
            await audit.append(self.session, aggregate_id, self.clock.now(), actor, action, detail)
        await self.session.commit()
        self.emitted.extend(self._pending)
        self._pending, self._unevented = [], []

    async def rollback(self) -> None:
        self._pending, self._unevented = [], []
        await self.session.rollback()


UnitOfWorkFactory = Callable[..., SqlUnitOfWork]
