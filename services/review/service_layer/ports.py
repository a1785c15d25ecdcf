"""What review's service layer needs of its unit of work and repositories, as protocols.

`SqlReviewUnitOfWork` (unit_of_work.py) and the unit-test fake (tests/unit/fakes.py) both satisfy
`ReviewUnitOfWork`; mypy checks both against it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from services.review.adapters.repository import TaskQuery
from services.review.domain.admission import PastDecisions
from services.review.domain.case import Case
from services.review.domain.task import ReviewTask
from shared.db.ports import UnitOfWork


class Cases(Protocol):
    async def add(self, case: Case) -> None: ...
    async def get(self, application_id: str, *, for_update: bool = False) -> Case | None: ...
    async def save(self, case: Case) -> None: ...
    async def past_decisions(
        self, applicant_code: str, programme: str, *, excluding: str, counted: frozenset[str]
    ) -> list[PastDecisions]:
        """How often each history entry in `counted` stands in this applicant's cases of `programme`
        other than `excluding`, by theme (the resubmission bar); no look-up when `counted` is empty."""
        ...


class Tasks(Protocol):
    async def add(self, task: ReviewTask) -> None: ...
    async def get(self, task_id: str, *, for_update: bool = False) -> ReviewTask | None: ...
    async def save(self, task: ReviewTask) -> None: ...
    async def has_open(self, application_id: str, stage: str) -> bool: ...
    async def list(self, query: TaskQuery | None = None) -> tuple[list[ReviewTask], int]:
        """One page of tasks matching `query`, and how many match in all."""
        ...

    async def next_designation_number(self, year: int, timezone: str) -> int: ...


class Alerts(Protocol):
    """Which open tasks were told they are due soon or overdue."""

    async def open_due_by(self, day: date, limit: int = 500) -> list[tuple[ReviewTask, set[str]]]: ...
    async def mark(self, task_id: str, kind: str, at: datetime) -> bool: ...


class ReviewUnitOfWork(UnitOfWork, Protocol):
    @property
    def cases(self) -> Cases: ...
    @property
    def tasks(self) -> Tasks: ...
    @property
    def alerts(self) -> Alerts: ...
