"""What monitoring's service layer needs of its unit of work and repositories, as protocols.

`SqlMonitoringUnitOfWork` (unit_of_work.py) and the unit-test fake (tests/unit/fakes.py) both
satisfy `MonitoringUnitOfWork`; mypy checks both against it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from services.monitoring.domain.model import Obligation, ObligationState, Submission, Zone, ZoneState
from shared.db.ports import UnitOfWork


class Zones(Protocol):
    async def add(self, zone: Zone) -> None: ...
    async def save(self, zone: Zone) -> None: ...
    async def get(self, zone_id: str, *, for_update: bool = False) -> Zone | None: ...
    async def exists(self, zone_id: str) -> bool: ...
    async def find(
        self,
        *,
        application_id: str | None = None,
        designated_by: str | None = None,
        state: ZoneState | None = None,
        within: str | None = None,
        limit: int = 200,
    ) -> list[Zone]:
        """Zones, newest designation first, without their obligations."""
        ...

    async def obligations(
        self,
        *,
        due_before: date | None = None,
        state: ObligationState | None = None,
        zone_ids: list[str] | None = None,
        limit: int = 500,
    ) -> list[Obligation]:
        """Obligations, earliest due first; `due_before` is exclusive."""
        ...

    async def submissions(self, zone_ids: list[str]) -> list[tuple[str, Submission]]: ...
    async def watched(self, until: date) -> list[tuple[str, str]]:
        """(zone id, designating authority) of zones still live with something open due by `until`."""
        ...


class Marks(Protocol):
    """Fired marks: a claim succeeds once per (subject, mark), whatever the instance or restart."""

    async def lock(self) -> bool: ...
    async def claim(self, subject: str, mark: str, at: datetime) -> bool: ...
    async def count(self) -> int: ...


class MonitoringUnitOfWork(UnitOfWork, Protocol):
    @property
    def zones(self) -> Zones: ...
    @property
    def marks(self) -> Marks: ...
