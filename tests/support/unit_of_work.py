"""An in-memory unit of work for unit tests: the real event queueing and collection, no database.

A service's fake (services/*/tests/unit/fakes.py) adds in-memory repositories and names the
aggregates they handed out in `seen_aggregates`; mypy checks the fake against the service's
`service_layer/ports.py` protocol wherever a test passes it to a handler.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from shared.clock import Clock
from shared.db.eventing import EventingUnitOfWork
from shared.events.envelope import Envelope


class InMemoryUnitOfWork(EventingUnitOfWork):
    """Commits keep their events in `emitted` and their event-less changes in `audited_entries`."""

    def __init__(
        self, clock: Clock, source: str = "/jurisdictions/000000/test", cause: Envelope | None = None
    ):
        super().__init__(source=source, clock=clock, cause=cause)
        self.claimed: set[tuple[str, str]] = set()
        self.audited_entries: list[tuple[str, str, str, dict[str, Any]]] = []
        self.commits = 0
        self._depth = 0

    def begin(self) -> None:
        """Hook: remember what a failed unit of work must put back."""

    def undo(self) -> None:
        """Hook: put back what `begin` remembered."""

    async def __aenter__(self) -> Self:
        self._depth += 1  # re-entrant like the SQL one: only the outermost exit ends it
        if self._depth == 1:
            self._pending, self._unevented = [], []
            self.begin()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._depth -= 1
        if self._depth == 0:
            if exc_type is not None:
                self.undo()
            self._pending, self._unevented = [], []

    async def claim(self, consumer: str, envelope: Envelope) -> bool:
        first = (consumer, envelope.id) not in self.claimed
        self.claimed.add((consumer, envelope.id))
        return first

    async def commit(self) -> None:
        self.collect_events()
        self.emitted.extend(self._pending)
        self.audited_entries.extend(self._unevented)
        self._pending, self._unevented = [], []
        self.commits += 1

    async def rollback(self) -> None:
        self._pending, self._unevented = [], []
