"""Intake's SQL unit of work: the shared SQL unit of work plus intake's repositories."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from services.intake.adapters.attachment_repository import AttachmentRepository
from services.intake.adapters.recommendation_repository import RecommendationRepository
from services.intake.adapters.register_repository import RegisterRepository
from services.intake.adapters.repository import ApplicationRepository
from services.intake.adapters.unit_repository import UnitRepository
from services.intake.adapters.view_repository import ViewRepository
from shared.db.ports import HasEvents
from shared.db.unit_of_work import SqlUnitOfWork


class SqlIntakeUnitOfWork(SqlUnitOfWork):
    audited = True  # every application state change is appended to its hash chain (audit_log)
    applications: ApplicationRepository
    views: ViewRepository
    units: UnitRepository
    recommendations: RecommendationRepository
    attachments: AttachmentRepository
    registers: RegisterRepository

    def _open(self, session: AsyncSession) -> None:
        self.applications = ApplicationRepository(session)
        self.views = ViewRepository(session)
        self.units = UnitRepository(session)
        self.recommendations = RecommendationRepository(session)
        self.attachments = AttachmentRepository(session)
        self.registers = RegisterRepository(session)

    def seen_aggregates(self) -> Iterable[HasEvents]:
        return [*self.applications.seen, *self.units.seen, *self.registers.seen]
