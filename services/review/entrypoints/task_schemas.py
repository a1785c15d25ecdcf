"""Review's HTTP response bodies; in an anonymous stage they never show who applied."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from services.review.domain.anonymity import pseudonym, scrub_record, shown_applicant, shown_title
from services.review.domain.case import Case
from services.review.domain.designation import designation_kind
from services.review.domain.requests import request_outcomes
from services.review.domain.task import ReviewTask
from shared.programmes.model import Programme

HIDDEN_ID = ""  # what an expert in an anonymous stage is shown for the application id


class TaskOut(BaseModel):
    id: str = Field(description="The task's id: an expert's only reference to an anonymous application.")
    kind: str = Field(description="stage (of an application's route) or request (about a designated zone).")
    application_id: str = Field(description="Empty for an expert in an anonymous stage.")
    programme: str
    programme_version: int
    stage: str
    stage_name: str
    reviewer_jurisdiction: str
    applicant_code: str = Field(description="Empty in an anonymous stage.")
    applicant_name: str = Field(description="A pseudonym (匿名申报单位 XXXX) in an anonymous stage.")
    title: str
    anonymous: bool
    due_on: date
    opened_at: datetime
    state: str
    assignee: str | None
    outcomes: list[str] = Field(description="What may be decided.")
    outcome: str | None
    outcome_name: str | None
    effect: str | None
    reviewer: str | None
    opinion: str | None
    decided_at: datetime | None
    document_no: str | None
    zone_id: str | None
    designation: str | None = Field(description="zone, achievement or demonstration_unit, once designated.")
    attachments: list[dict[str, str]]
    support_measures: dict[str, str] | None
    experts: list[dict[str, Any]] = Field(description="The panel (an expert sees only their own seat).")
    score: float | None = Field(description="The panel's aggregate by the definition's rule, once decided.")
    notice: dict[str, Any] | None = Field(description="The public notice (公示) and its objections.")
    request: dict[str, Any] | None = Field(description="The request about a zone, for a request task.")

    @classmethod
    def of(cls, task: ReviewTask, programme: Programme | None, expert: str | None = None) -> TaskOut:
        data = asdict(task)
        data.pop("events")
        code, name = shown_applicant(task)
        panel = [p for p in data.pop("panel") if expert is None or p["expert"] == expert]
        if task.kind == "request" and programme is not None and task.request:
            outcomes = list(request_outcomes(task.request["kind"], programme))
        else:
            stage = programme.stage(task.stage) if programme else None
            outcomes = [o.key for o in stage.outcomes] if stage else []
        designated = (
            designation_kind(programme.kind.value)
            if programme and (task.zone_id or task.document_no) and task.kind == "stage"
            else None
        )
        out = {
            **data,
            "applicant_code": code,
            "applicant_name": name,
            "title": shown_title(task),
            "outcomes": outcomes,
            "designation": designated,
            "experts": panel,
        }
        if task.anonymous:
            out = scrub_record(out, task.applicant_code, task.applicant_name, pseudonym(task.application_id))
            if expert is not None:  # the id opens the original at intake: an expert works by task id
                out["application_id"] = HIDDEN_ID
        return cls(**out)


class CaseOut(BaseModel):
    application_id: str = Field(description="Empty for an expert in an anonymous stage.")
    reference_no: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    period_months: int
    submitted_at: datetime
    stage: str | None
    revision: int
    status: str
    scores: dict[str, float] = Field(
        description="Stage → the panel's aggregate score, for stages scored here."
    )
    history: list[dict[str, Any]] = Field(
        description="Submission and every decision at every level, oldest first."
    )

    @classmethod
    def of(cls, case: Case, anonymous: bool = False, for_expert: bool = False) -> CaseOut:
        data = asdict(case)
        data.pop("events")
        if anonymous:
            stand_in = pseudonym(case.application_id)
            data = scrub_record(data, case.applicant_code, case.applicant_name, stand_in)
            data.update(applicant_code="", applicant_name=stand_in, reference_no="（匿名）")
            if for_expert:
                data["application_id"] = HIDDEN_ID
        return cls(**data)


class DocumentOut(BaseModel):
    key: str
    part: str = Field(description="document, section (of the plan) or form (field of the programme's form).")
    name_zh: str
    name_en: str
    application_id: str = Field(
        description="Its text is kept by intake under this application (empty for an expert in an "
        "anonymous stage: intake serves experts no original)."
    )


def documents_of(programme: Programme | None, application_id: str) -> list[DocumentOut]:
    """What the application holds, named by the programme (never by the applicant)."""
    if programme is None:
        return []
    parts = [("document", programme.documents), ("section", programme.sections), ("form", programme.form)]
    return [
        DocumentOut(key=d.key, part=part, name_zh=d.name_zh, name_en=d.name_en, application_id=application_id)
        for part, items in parts
        for d in items
    ]


class TaskDetailOut(BaseModel):
    task: TaskOut
    case: CaseOut | None = Field(
        description="The application with its history across levels (none for a request)."
    )
    documents: list[DocumentOut]


class RankedOut(BaseModel):
    rank: int
    combined_score: float | None
    task: TaskOut
