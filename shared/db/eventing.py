"""The half of a unit of work that needs no database, shared by the SQL one and unit-test fakes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from shared.clock import Clock
from shared.db.ports import HasEvents
from shared.events.envelope import Envelope
from shared.events.registry import Event

EVENT_ID_NAMESPACE = uuid.UUID("6f1c2f4e-4d0a-4b8e-9a53-2b7f0c1d9e01")


class EventingUnitOfWork:
    """The part of a unit of work that needs no database: events queued by `emit`, changes without
    an event queued by `record`, and the events aggregates raised, collected at commit.

    `SqlUnitOfWork` writes what is queued to the outbox (and the audit chain); unit-test fakes keep
    it in memory. A service names the aggregates its repositories handed out in `seen_aggregates`.
    """

    def __init__(
        self,
        *,
        source: str,
        clock: Clock,
        cause: Envelope | None = None,
        correlation_id: str | None = None,
    ) -> None:
        self.source = source
        self.clock = clock
        self.cause = cause
        self.correlation_id = cause.correlation_id if cause else correlation_id
        self.emitted: list[Envelope] = []
        self._pending: list[Envelope] = []
        self._unevented: list[tuple[str, str, str, dict[str, Any]]] = []

    def seen_aggregates(self) -> Iterable[HasEvents]:
        """Aggregates loaded or added in this unit of work, in the order their events go out."""
        return ()

    def collect_events(self) -> None:
        """Queue, in order, every event the seen aggregates raised (each aggregate's list is emptied)."""
        for aggregate in self.seen_aggregates():
            while aggregate.events:
                self.emit(aggregate.events.pop(0))

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
