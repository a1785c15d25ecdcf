"""Notify's SQL for its own view of applications and zones."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.notify.adapters.tables import ApplicationViewRow, ZoneViewRow
from services.notify.domain.model import ApplicationView, ZoneView


class ViewRepository:
    """Applications and zones as far as notify needs them (filled from the events it consumes)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save_application(self, view: ApplicationView) -> None:
        values = {
            "application_id": view.application_id,
            "programme": view.programme,
            "applicant_code": view.applicant_code,
            "applicant_name": view.applicant_name,
            "contact_email": view.contact_email,
            "title": view.title,
            "reference_no": view.reference_no,
        }
        stmt = insert(ApplicationViewRow).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[col(ApplicationViewRow.application_id)],
            set_={k: v for k, v in values.items() if k != "application_id"},
        )
        await self.session.execute(stmt)

    async def application(self, application_id: str) -> ApplicationView | None:
        row = await self.session.get(ApplicationViewRow, application_id)
        if row is None:
            return None
        return ApplicationView(
            application_id=row.application_id,
            programme=row.programme,
            applicant_code=row.applicant_code,
            applicant_name=row.applicant_name,
            contact_email=row.contact_email,
            title=row.title,
            reference_no=row.reference_no,
        )

    async def save_zone(self, view: ZoneView) -> None:
        stmt = (
            insert(ZoneViewRow)
            .values(zone_id=view.zone_id, application_id=view.application_id, document_no=view.document_no)
            .on_conflict_do_nothing()
        )
        await self.session.execute(stmt)

    async def zone(self, zone_id: str) -> ZoneView | None:
        row = await self.session.get(ZoneViewRow, zone_id)
        return ZoneView(row.zone_id, row.application_id, row.document_no) if row else None
