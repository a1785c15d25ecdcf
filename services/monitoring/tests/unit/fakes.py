"""Fakes of monitoring's collaborators: an in-memory repository and unit of work."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Self

from services.monitoring.adapters.repository import ZoneRepository
from services.monitoring.domain.model import Obligation, ObligationState, Zone
from services.monitoring.service_layer.unit_of_work import MonitoringUnitOfWork
from services.monitoring.tests.designations import sent
from shared.clock import FixedClock
from shared.events.registry import Event


class FakeZoneRepository(ZoneRepository):
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

    async def find(self, **_filters: object) -> list[Zone]:
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


class FakeUnitOfWork(MonitoringUnitOfWork):
    zones: FakeZoneRepository

    def __init__(self, at: datetime = datetime(2027, 9, 1, 2, 0, tzinfo=UTC)) -> None:
        super().__init__(None, source="/jurisdictions/000000/monitoring", clock=FixedClock(at))  # type: ignore[arg-type]
        self.zones = FakeZoneRepository()
        self.commits = 0

    def arriving(self, event: Event, source: str | None = None) -> Self:
        """This unit of work applying `event` from `source` (its genuine sender unless given)."""
        self.cause = sent(event, source)
        return self

    async def __aenter__(self) -> Self:
        self._pending = []
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pending = []

    async def commit(self) -> None:
        for zone in self.zones.seen:
            while zone.events:
                self.emit(zone.events.pop(0))
        self.emitted.extend(self._pending)
        self._pending = []
        self.commits += 1
