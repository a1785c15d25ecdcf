"""Intake's own views built from other services' events: designations and failed reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.adapters.tables import DesignationRow, FailedReviewRow


class ViewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_designation(
        self, zone_id: str, programme: str, applicant_code: str, application_id: str, at: datetime
    ) -> None:
        values = dict(
            zone_id=zone_id, programme=programme, applicant_code=applicant_code,
            application_id=application_id, designated_at=at,
        )  # fmt: skip
        await self.session.execute(insert(DesignationRow).values(**values).on_conflict_do_nothing())

    async def designated_in(self, applicant_code: str) -> frozenset[str]:
        stmt = select(col(DesignationRow.programme)).where(
            col(DesignationRow.applicant_code) == applicant_code
        )
        return frozenset((await self.session.execute(stmt)).scalars())

    async def add_failed_review(
        self, task_id: str, application_id: str, programme: str, applicant_code: str, theme: str, stage: str,
        at: datetime,
    ) -> None:  # fmt: skip
        values = dict(
            task_id=task_id, application_id=application_id, programme=programme,
            applicant_code=applicant_code, theme=theme, stage=stage, decided_at=at,
        )  # fmt: skip
        await self.session.execute(insert(FailedReviewRow).values(**values).on_conflict_do_nothing())

    async def failed_reviews(self, programme: str, applicant_code: str, theme: str | None) -> dict[str, int]:
        """stage -> failed reviews of this applicant in this programme (with `theme`, or any theme)."""
        t = FailedReviewRow
        stmt = (
            select(col(t.stage), func.count())
            .where(col(t.programme) == programme, col(t.applicant_code) == applicant_code)
            .group_by(col(t.stage))
        )
        if theme is not None:
            stmt = stmt.where(col(t.theme) == theme)
        return {stage: int(n) for stage, n in (await self.session.execute(stmt)).all()}
