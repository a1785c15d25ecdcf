"""All of monitoring's SQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.monitoring.adapters import mapping as m
from services.monitoring.adapters.tables import (
    InspectionRow,
    MarkRow,
    ObligationRow,
    ProgressReportRow,
    RequestRow,
    SubmissionRow,
    ZoneRow,
)
from services.monitoring.domain.model import Obligation, ObligationState, Submission, Zone, ZoneState


class ZoneRepository:
    """Zones with their obligations, submissions and requests (one aggregate)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[Zone] = []

    async def add(self, zone: Zone) -> None:
        self.session.add(m.zone_row(zone))
        await self.session.flush()  # the zone row before its obligations (foreign key)
        self.session.add_all([m.obligation_row(o) for o in zone.obligations])
        self.seen.append(zone)

    async def save(self, zone: Zone) -> None:
        """Write the zone back: its row and every child, new or changed."""
        await self.session.merge(m.zone_row(zone))
        for ob in zone.obligations:
            await self.session.merge(m.obligation_row(ob))
        await self.session.flush()
        for sub in zone.submissions:
            await self.session.merge(m.submission_row(zone.id, sub))
        for req in zone.requests:
            await self.session.merge(m.request_row(zone.id, req))
        for record in zone.inspections:
            await self.session.merge(m.inspection_row(zone.id, record))
        for report in zone.progress_reports:
            await self.session.merge(m.report_row(zone.id, report))

    async def get(self, zone_id: str, *, for_update: bool = False) -> Zone | None:
        stmt = select(ZoneRow).where(col(ZoneRow.id) == zone_id)
        row = (
            await self.session.execute(stmt.with_for_update() if for_update else stmt)
        ).scalar_one_or_none()
        if row is None:
            return None
        zone = m.zone_of(
            row,
            [
                m.obligation_of(r)
                for r in await self._children(
                    ObligationRow, zone_id, ObligationRow.due_on, ObligationRow.kind
                )
            ],
            [
                m.submission_of(r)
                for r in await self._children(SubmissionRow, zone_id, SubmissionRow.submitted_at)
            ],
            [m.request_of(r) for r in await self._children(RequestRow, zone_id, RequestRow.filed_at)],
            [
                m.inspection_of(r)
                for r in await self._children(InspectionRow, zone_id, InspectionRow.recorded_at)
            ],
            [
                m.report_of(r)
                for r in await self._children(ProgressReportRow, zone_id, ProgressReportRow.filed_at)
            ],
        )
        self.seen.append(zone)
        return zone

    async def _children(self, table: Any, zone_id: str, *order: Any) -> list[Any]:
        stmt = select(table).where(table.zone_id == zone_id).order_by(*order, table.id)
        return list((await self.session.execute(stmt)).scalars())

    async def exists(self, zone_id: str) -> bool:
        return await self.session.get(ZoneRow, zone_id) is not None

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
        stmt = select(ZoneRow).order_by(col(ZoneRow.designated_at).desc(), col(ZoneRow.id)).limit(limit)
        if application_id:
            stmt = stmt.where(col(ZoneRow.application_id) == application_id)
        if designated_by:
            stmt = stmt.where(col(ZoneRow.designated_by) == designated_by)
        if state:
            stmt = stmt.where(col(ZoneRow.state) == state.value)
        if within:
            stmt = stmt.where(col(ZoneRow.territory).contains([within]))
        return [m.zone_of(r, [], [], []) for r in (await self.session.execute(stmt)).scalars()]

    async def obligations(
        self,
        *,
        due_before: date | None = None,
        state: ObligationState | None = None,
        zone_ids: list[str] | None = None,
        limit: int = 500,
    ) -> list[Obligation]:
        """Obligations, earliest due first; `due_before` is exclusive."""
        stmt = select(ObligationRow).order_by(col(ObligationRow.due_on), col(ObligationRow.id)).limit(limit)
        if due_before:
            stmt = stmt.where(col(ObligationRow.due_on) < due_before)
        if state:
            stmt = stmt.where(col(ObligationRow.state) == state.value)
        if zone_ids is not None:
            stmt = stmt.where(col(ObligationRow.zone_id).in_(zone_ids))
        return [m.obligation_of(r) for r in (await self.session.execute(stmt)).scalars()]

    async def submissions(self, zone_ids: list[str]) -> list[tuple[str, Submission]]:
        stmt = select(SubmissionRow).where(col(SubmissionRow.zone_id).in_(zone_ids))
        return [(r.zone_id, m.submission_of(r)) for r in (await self.session.execute(stmt)).scalars()]

    async def watched(self, until: date) -> list[tuple[str, str]]:
        """(zone id, designating authority) of zones still live with something open due by `until`."""
        stmt = text(
            "SELECT DISTINCT o.zone_id, z.designated_by FROM obligations o JOIN zones z ON z.id = o.zone_id "
            "WHERE z.state IN ('active', 'under_acceptance') AND o.state IN ('upcoming', 'due', 'overdue') "
            "AND o.due_on <= :until ORDER BY o.zone_id"
        )
        return [(r[0], r[1]) for r in await self.session.execute(stmt, {"until": until})]


class MarkRepository:
    """Fired marks: a claim succeeds once per (subject, mark), whatever the instance or restart."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self) -> bool:
        """One scheduler pass at a time across instances (the transaction's advisory lock)."""
        got = await self.session.execute(
            text("SELECT pg_try_advisory_xact_lock(hashtext('monitoring-dynamics'))")
        )
        return bool(got.scalar_one())

    async def claim(self, subject: str, mark: str, at: datetime) -> bool:
        stmt = insert(MarkRow).values(subject=subject, mark=mark, made_at=at).on_conflict_do_nothing()
        return (await self.session.execute(stmt.returning(col(MarkRow.mark)))).first() is not None

    async def count(self) -> int:
        return int((await self.session.execute(text("SELECT count(*) FROM marks"))).scalar_one())
