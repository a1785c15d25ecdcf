"""Review's SQL unit of work: the shared SQL unit of work plus review's repositories."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from services.review.adapters.alert_repository import AlertRepository
from services.review.adapters.repository import CaseRepository, TaskRepository
from shared.db.ports import HasEvents
from shared.db.unit_of_work import SqlUnitOfWork


class SqlReviewUnitOfWork(SqlUnitOfWork):
    audited = True  # every application state change this instance makes joins its hash chain
    cases: CaseRepository
    tasks: TaskRepository
    alerts: AlertRepository

    def _open(self, session: AsyncSession) -> None:
        self.cases = CaseRepository(session)
        self.tasks = TaskRepository(session)
        self.alerts = AlertRepository(session)

    def seen_aggregates(self) -> Iterable[HasEvents]:
        # Task events first: a decision's ReviewStageDecided goes out before its ZoneDesignated.
        return [*self.tasks.seen, *self.cases.seen]
