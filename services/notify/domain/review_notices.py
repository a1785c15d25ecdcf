"""Facts of a review task: opened, its due date near, then passed. The task's holder is a person
reference, which a reader is never shown: the reviewing jurisdiction is named instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.notify.domain.facts import Facts, iso
from services.notify.domain.names import stage_name_en
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import ReviewTaskOpened, ReviewTaskOverdue, ReviewTaskOverdueSoon
from shared.programmes.model import Programme


def _opened(e: ReviewTaskOpened | ReviewTaskOverdue | ReviewTaskOverdueSoon, p: Programme | None) -> Facts:
    return {
        "task_id": e.task_id,
        "title": e.title,
        "stage": e.stage,
        "stage_name": e.stage_name,
        "stage_name_en": stage_name_en(p, e.stage),
        "due_on": iso(e.due_on),
        "reviewer_code": e.reviewer_jurisdiction,
        "reviewer_name": j.name(e.reviewer_jurisdiction),
    }


def _task(e: ReviewTaskOverdue | ReviewTaskOverdueSoon, p: Programme | None) -> Facts:
    return {**_opened(e, p), "assigned": e.assignee is not None}


def _overdue_soon(e: ReviewTaskOverdueSoon, p: Programme | None) -> Facts:
    return {**_task(e, p), "days_left": e.days_left}


def _overdue(e: ReviewTaskOverdue, p: Programme | None) -> Facts:
    return {**_task(e, p), "overdue_since": iso(e.overdue_since)}


FACTS: dict[type[Event], Callable[[Any, Programme | None], Facts]] = {
    ReviewTaskOpened: _opened,
    ReviewTaskOverdueSoon: _overdue_soon,
    ReviewTaskOverdue: _overdue,
}
