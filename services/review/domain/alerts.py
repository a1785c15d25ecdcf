"""Time limits: which reminder an open task is owed today (due soon, then overdue), each once."""

from __future__ import annotations

from datetime import date, timedelta

from services.review.domain.anonymity import shown_applicant, shown_title
from services.review.domain.task import ReviewTask
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef
from shared.events.schemas.review import ReviewTaskOverdue, ReviewTaskOverdueSoon
from shared.personal_data import person_ref

DUE_SOON, OVERDUE = "due_soon", "overdue"


def alerts_owed(task: ReviewTask, today: date, soon_days: int, already: set[str]) -> list[str]:
    """The reminders `task` is owed today that it has not had."""
    owed = []
    if today > task.due_on:
        owed.append(OVERDUE)
    elif today >= task.due_on - timedelta(days=soon_days):
        owed.append(DUE_SOON)
    return [a for a in owed if a not in already]


def alert_event(task: ReviewTask, kind: str, today: date) -> Event:
    code, name = shown_applicant(task)
    common = dict(
        task_id=task.id,
        application_id=task.application_id,
        programme=task.programme,
        stage=task.stage,
        stage_name=task.stage_name,
        reviewer_jurisdiction=task.reviewer_jurisdiction,
        assignee=person_ref("reviewer", task.reviewer_jurisdiction, task.id) if task.assignee else None,
        applicant=ApplicantRef(code=code, name=name),
        title=shown_title(task),
        due_on=task.due_on,
    )
    if kind == OVERDUE:
        return ReviewTaskOverdue(**common, overdue_since=task.due_on + timedelta(days=1))
    return ReviewTaskOverdueSoon(**common, days_left=(task.due_on - today).days)
