"""Fakes of monitoring's collaborators: in-memory repositories and a unit of work (ports.py)."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from typing import Self

from services.monitoring.domain.model import Obligation, ObligationState, Submission, Zone, ZoneState
from services.monitoring.tests.samples import sent
from shared.clock import FixedClock
from shared.db.ports import HasEvents
from shared.events.registry import Event
from tests.support.unit_of_work import InMemoryUnitOfWork


class FakeZoneRepository:
    def __init__(self) -> None:
        self.rows: dict[str, Zone] = {}
        self.seen: list[Zone] = []

    async def add(self, zone: Zone) -> None:
        self.rows[zone.id] = zone
        self.seen.append(zone)

    async def get(self, zone_id: str, *, for_update: bool = False) -> Zone | None:
        zone = self.rows.get(zone_id)
        if zone is None:
            return None
        zone = copy.deepcopy(zone)
        self.seen.append(zone)
        return zone

    async def save(self, zone: Zone) -> None:
        self.rows[zone.id] = zone

    async def exists(self, zone_id: str) -> bool:
        return zone_id in self.rows

    async def find(
        self,
        *,
        application_id: str | None = None,
        designated_by: str | None = None,
        state: ZoneState | None = None,
        within: str | None = None,
        limit: int = 200,
    ) -> list[Zone]:
        return list(self.rows.values())

    async def obligations(
        self,
        *,
        due_before: date | None = None,
        state: ObligationState | None = None,
        zone_ids: list[str] | None = None,
        limit: int = 500,
    ) -> list[Obligation]:
        return [o for z in self.rows.values() for o in z.obligations]

    async def submissions(self, zone_ids: list[str]) -> list[tuple[str, Submission]]:
        return [(z.id, s) for z in self.rows.values() if z.id in zone_ids for s in z.submissions]

    async def watched(self, until: date) -> list[tuple[str, str]]:
        return sorted((z.id, z.designated_by) for z in self.rows.values())


class FakeMarks:
    def __init__(self) -> None:
        self.made: set[tuple[str, str]] = set()

    async def lock(self) -> bool:
        return True

    async def claim(self, subject: str, mark: str, at: datetime) -> bool:
        first = (subject, mark) not in self.made
        self.made.add((subject, mark))
        return first

    async def count(self) -> int:
        return len(self.made)


class FakeUnitOfWork(InMemoryUnitOfWork):
    def __init__(self, at: datetime = datetime(2027, 9, 1, 2, 0, tzinfo=UTC)) -> None:
        super().__init__(FixedClock(at), source="/jurisdictions/000000/monitoring")
        self.zones = FakeZoneRepository()
        self.marks = FakeMarks()

    def arriving(self, event: Event, source: str | None = None) -> Self:
        """This unit of work applying `event` from `source` (its genuine sender unless given)."""
        self.cause = sent(event, source)
        return self

    def seen_aggregates(self) -> list[HasEvents]:
        return list(self.zones.seen)
