"""Review's unit of work: the shared SQL unit of work plus review's repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.review.adapters.alert_repository import AlertRepository
from services.review.adapters.repository import CaseRepository, TaskRepository
from services.review.domain.case import Case
from services.review.domain.task import ReviewTask
from shared.db.unit_of_work import SqlUnitOfWork


class ReviewUnitOfWork(SqlUnitOfWork):
    audited = True  # every application state change this instance makes joins its hash chain
    cases: CaseRepository
    tasks: TaskRepository
    alerts: AlertRepository

    def _open(self, session: AsyncSession) -> None:
        self.cases = CaseRepository(session)
        self.tasks = TaskRepository(session)
        self.alerts = AlertRepository(session)

    async def commit(self) -> None:
        # Task events first: a decision's ReviewStageDecided goes out before its ZoneDesignated.
        aggregates: list[ReviewTask | Case] = [*self.tasks.seen, *self.cases.seen]
        for aggregate in aggregates:
            while aggregate.events:
                self.emit(aggregate.events.pop(0))
        await super().commit()
