"""All of review's SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.review.adapters.mapping import case_from_row as _case_from_row
from services.review.adapters.mapping import case_to_row as _case_to_row
from services.review.adapters.mapping import task_from_row as _task_from_row
from services.review.adapters.mapping import task_to_row as _task_to_row
from services.review.adapters.tables import CaseRow, TaskRow
from services.review.domain.admission import PastDecisions
from services.review.domain.case import Case
from services.review.domain.task import ReviewTask, TaskState

SORTABLE = ("due_on", "opened_at", "decided_at", "stage", "applicant_code", "score")
PAST_DECISIONS = text(
    "SELECT c.theme, h.value->>'what' AS what, count(*) FROM cases c, jsonb_array_elements(c.history) h"
    " WHERE c.applicant_code = :code AND c.programme = :programme AND c.application_id <> :excluding"
    " AND h.value->>'what' IN :counted GROUP BY c.theme, what"
).bindparams(bindparam("counted", expanding=True))
DESIGNATION_LOCK = 7_200_100  # with the year: one designation number at a time per instance and year


@dataclass(frozen=True)
class TaskQuery:
    state: str | None = None
    stage: str | None = None
    programme: str | None = None
    applicant: str | None = None
    assignee: str | None = None
    expert: str | None = None
    application_id: str | None = None
    kind: str | None = None
    due_before: date | None = None
    sort: str = "-opened_at"  # a SORTABLE column, "-" first for descending
    limit: int = 200
    offset: int = 0


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[Case] = []

    async def add(self, case: Case) -> None:
        self.session.add(CaseRow(**_case_to_row(case)))
        self.seen.append(case)

    async def get(self, application_id: str, *, for_update: bool = False) -> Case | None:
        stmt = select(CaseRow).where(col(CaseRow.application_id) == application_id)
        if for_update:
            stmt = stmt.with_for_update()
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        case = _case_from_row(row)
        self.seen.append(case)
        return case

    async def past_decisions(
        self, applicant_code: str, programme: str, *, excluding: str, counted: frozenset[str]
    ) -> list[PastDecisions]:
        """The resubmission bar's facts, counted in the database (applicant_code index); no case loaded."""
        if not counted:
            return []
        rows = await self.session.execute(
            PAST_DECISIONS,
            {"code": applicant_code, "programme": programme, "excluding": excluding}
            | {"counted": sorted(counted)},
        )
        return [PastDecisions(theme, what, n) for theme, what, n in rows]

    async def save(self, case: Case) -> None:
        row = await self.session.get(CaseRow, case.application_id)
        assert row is not None
        for k, v in _case_to_row(case).items():
            setattr(row, k, v)


class TaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[ReviewTask] = []

    async def add(self, task: ReviewTask) -> None:
        self.session.add(TaskRow(**_task_to_row(task)))
        self.seen.append(task)

    async def get(self, task_id: str, *, for_update: bool = False) -> ReviewTask | None:
        stmt = select(TaskRow).where(col(TaskRow.id) == task_id)
        if for_update:
            stmt = stmt.with_for_update()
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        if row is None:
            return None
        task = _task_from_row(row)
        self.seen.append(task)
        return task

    async def save(self, task: ReviewTask) -> None:
        row = await self.session.get(TaskRow, task.id)
        assert row is not None
        for k, v in _task_to_row(task).items():
            setattr(row, k, v)

    async def has_open(self, application_id: str, stage: str) -> bool:
        stmt = select(func.count()).where(
            col(TaskRow.application_id) == application_id,
            col(TaskRow.stage) == stage,
            col(TaskRow.state) == TaskState.OPEN.value,
        )
        return bool((await self.session.execute(stmt)).scalar_one())

    async def list(self, query: TaskQuery | None = None) -> tuple[list[ReviewTask], int]:
        """One page of tasks matching `query`, and how many match in all."""
        query = query or TaskQuery()
        stmt = select(TaskRow)
        for column, value in (
            (TaskRow.state, query.state),
            (TaskRow.stage, query.stage),
            (TaskRow.programme, query.programme),
            (TaskRow.applicant_code, query.applicant),
            (TaskRow.assignee, query.assignee),
            (TaskRow.application_id, query.application_id),
            (TaskRow.kind, query.kind),
        ):
            if value:
                stmt = stmt.where(col(column) == value)
        if query.due_before:
            stmt = stmt.where(col(TaskRow.due_on) < query.due_before)
        if query.expert:
            stmt = stmt.where(col(TaskRow.panel).contains([{"expert": query.expert}]))
        total = (await self.session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
        key, descending = query.sort.lstrip("-"), query.sort.startswith("-")
        order = inspect(TaskRow).columns[key]
        stmt = stmt.order_by(order.desc() if descending else order.asc(), col(TaskRow.id))
        rows = (await self.session.execute(stmt.offset(query.offset).limit(query.limit))).scalars()
        return [_task_from_row(r) for r in rows], int(total)

    async def next_designation_number(self, year: int, timezone: str) -> int:
        """1 + this instance's designations and recognitions in `year` (in `timezone`): the stage tasks
        that issued a document number; locked until the transaction ends."""
        start = datetime(year, 1, 1, tzinfo=ZoneInfo(timezone))
        end = datetime(year + 1, 1, 1, tzinfo=ZoneInfo(timezone))
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(:k, :y)"), {"k": DESIGNATION_LOCK, "y": year}
        )
        stmt = select(func.count()).where(
            col(TaskRow.kind) == "stage",
            col(TaskRow.document_no).is_not(None),
            col(TaskRow.decided_at) >= start,
            col(TaskRow.decided_at) < end,
        )
        return int((await self.session.execute(stmt)).scalar_one()) + 1
