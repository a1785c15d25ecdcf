"""Monitoring's unit of work: the shared SQL unit of work plus the zone and mark repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.monitoring.adapters.repository import MarkRepository, ZoneRepository
from shared.db.unit_of_work import SqlUnitOfWork


class MonitoringUnitOfWork(SqlUnitOfWork):
    audited = True  # every zone state change joins its hash chain (audit_log)
    zones: ZoneRepository
    marks: MarkRepository

    def _open(self, session: AsyncSession) -> None:
        self.zones = ZoneRepository(session)
        self.marks = MarkRepository(session)

    async def commit(self) -> None:
        for zone in self.zones.seen:
            while zone.events:
                self.emit(zone.events.pop(0))
        await super().commit()
