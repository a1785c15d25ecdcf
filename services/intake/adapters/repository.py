"""All of intake's SQL."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.adapters.tables import ApplicationRow
from services.intake.domain.model import OPEN, Application, HistoryEntry, Status


def _to_row(app: Application) -> dict[str, Any]:
    data = asdict(app)
    data.pop("events")
    data["status"] = app.status.value
    data["history"] = [{**asdict(h), "at": h.at.isoformat()} for h in app.history]
    return data


def _from_row(row: ApplicationRow) -> Application:
    return Application(
        id=row.id,
        reference_no=row.reference_no,
        programme=row.programme,
        programme_version=row.programme_version,
        applicant_code=row.applicant_code,
        applicant_name=row.applicant_name,
        title=row.title,
        theme=row.theme,
        period_months=row.period_months,
        contact_email=row.contact_email,
        plan=dict(row.plan),
        guidance_expert=row.guidance_expert,
        submitted_at=row.submitted_at,
        status=Status(row.status),
        stage=row.stage,
        revision=row.revision,
        history=[HistoryEntry(**{**h, "at": datetime.fromisoformat(h["at"])}) for h in row.history],
        documents=dict(row.documents),
        form=dict(row.form),
        attestations=list(row.attestations),
        justification=row.justification,
        revisions=list(row.revisions),
        applicant_unit=row.applicant_unit,
        revision_due_on=row.revision_due_on,
    )


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[Application] = []

    async def add(self, app: Application) -> None:
        self.session.add(ApplicationRow(**_to_row(app)))
        self.seen.append(app)

    async def get(self, application_id: str, *, for_update: bool = False) -> Application | None:
        stmt = select(ApplicationRow).where(col(ApplicationRow.id) == application_id)
        if for_update:
            stmt = stmt.with_for_update()
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        app = _from_row(row)
        self.seen.append(app)
        return app

    async def save(self, app: Application) -> None:
        row = await self.session.get(ApplicationRow, app.id)
        assert row is not None
        for k, v in _to_row(app).items():
            setattr(row, k, v)

    async def has_open(self, programme: str, applicant_code: str, unit: str = "") -> bool:
        stmt = select(func.count()).where(
            col(ApplicationRow.programme) == programme,
            col(ApplicationRow.applicant_code) == applicant_code,
            col(ApplicationRow.applicant_unit) == unit,
            col(ApplicationRow.status).in_([s.value for s in OPEN]),
        )
        return bool((await self.session.execute(stmt)).scalar_one())

    async def count_for(self, programme: str, applicant_code: str) -> int:
        stmt = select(func.count()).where(
            col(ApplicationRow.programme) == programme,
            col(ApplicationRow.applicant_code) == applicant_code,
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def list(self, applicant_code: str | None = None, limit: int = 100) -> list[Application]:
        stmt = select(ApplicationRow).order_by(col(ApplicationRow.submitted_at).desc()).limit(limit)
        if applicant_code:
            stmt = stmt.where(col(ApplicationRow.applicant_code) == applicant_code)
        return [_from_row(r) for r in (await self.session.execute(stmt)).scalars()]
