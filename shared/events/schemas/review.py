"""Review's time-limit events, on `zones.applications.v1`, keyed by application id.

Notify tells the reviewing jurisdiction and the level above (its category words: "overdue"). Each is
emitted once per task, however often review restarts (a mark in review's database).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.events.registry import Event
from shared.events.schemas.applications import ApplicantRef
from shared.events.topics import APPLICATIONS


class _TaskTimeLimit(Event):
    task_id: str = Field(description="The review task.")
    application_id: str = Field(description="The application (or the zone's application, for a request).")
    programme: str = Field(description="Programme key.")
    stage: str = Field(description="Stage key, or request:<kind> for a request about a zone.")
    stage_name: str = Field(description="Stage name in Chinese.")
    reviewer_jurisdiction: str = Field(description="Jurisdiction that owns the task.")
    assignee: str | None = Field(
        None,
        description="That a reviewer holds the task, as a person reference (reviewer:<jurisdiction>:<task "
        "id prefix>), never the name; None when nobody does.",
    )
    applicant: ApplicantRef = Field(description="Who applied (withheld as 匿名 in an anonymous stage).")
    title: str = Field(description="The application's title (withheld in an anonymous stage).")
    due_on: date = Field(description="The task's due date.")


class ReviewTaskOverdueSoon(_TaskTimeLimit):
    """A review task's due date is near (the reviewer and the level above are told)."""

    type = "zones.review.task_overdue_soon.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    days_left: int = Field(description="Whole days from today to the due date.")


class ReviewTaskOverdue(_TaskTimeLimit):
    """A review task passed its due date undecided (the reviewer and the level above are told)."""

    type = "zones.review.task_overdue.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    overdue_since: date = Field(description="The first day it was overdue.")
