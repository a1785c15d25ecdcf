"""Monitoring's SQL unit of work: the shared SQL unit of work plus the zone and mark repositories."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoring.adapters.repository import MarkRepository, ZoneRepository
from shared.db.ports import HasEvents
from shared.db.unit_of_work import SqlUnitOfWork


class SqlMonitoringUnitOfWork(SqlUnitOfWork):
    audited = True  # every zone state change joins its hash chain (audit_log)
    zones: ZoneRepository
    marks: MarkRepository

    def _open(self, session: AsyncSession) -> None:
        self.zones = ZoneRepository(session)
        self.marks = MarkRepository(session)

    def seen_aggregates(self) -> Iterable[HasEvents]:
        return self.zones.seen
