"""The reminder marks: which tasks were told they are due soon or overdue (all SQL)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.review.adapters.mapping import task_from_row
from services.review.adapters.tables import TaskAlertRow, TaskRow
from services.review.domain.task import ReviewTask, TaskState


class AlertRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_due_by(self, day: date, limit: int = 500) -> list[tuple[ReviewTask, set[str]]]:
        """Open tasks due on or before `day`, with the reminders each has had."""
        stmt = (
            select(TaskRow)
            .where(col(TaskRow.state) == TaskState.OPEN.value, col(TaskRow.due_on) <= day)
            .order_by(col(TaskRow.due_on), col(TaskRow.id))
            .limit(limit)
        )
        tasks = [task_from_row(r) for r in (await self.session.execute(stmt)).scalars()]
        ids = [t.id for t in tasks]
        marks: dict[str, set[str]] = {i: set() for i in ids}
        if ids:
            found = await self.session.execute(
                select(col(TaskAlertRow.task_id), col(TaskAlertRow.kind)).where(
                    col(TaskAlertRow.task_id).in_(ids)
                )
            )
            for task_id, kind in found.all():
                marks[task_id].add(kind)
        return [(t, marks[t.id]) for t in tasks]

    async def mark(self, task_id: str, kind: str, at: datetime) -> bool:
        """Record the reminder; False when another process recorded it first (then send nothing)."""
        stmt = insert(TaskAlertRow).values(task_id=task_id, kind=kind, sent_at=at).on_conflict_do_nothing()
        result = await self.session.execute(stmt.returning(col(TaskAlertRow.task_id)))
        return result.first() is not None
