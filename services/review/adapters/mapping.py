"""Aggregates to rows and back: dataclasses in, JSON-able columns out (dates as ISO strings)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from services.review.adapters.tables import CaseRow, TaskRow
from services.review.domain.case import Case, CaseStatus, HistoryEntry
from services.review.domain.notice import Objection, PublicNotice
from services.review.domain.panel import ExpertOpinion
from services.review.domain.task import ReviewTask, TaskState


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def case_to_row(case: Case) -> dict[str, Any]:
    data = asdict(case)
    data.pop("events")
    data["status"] = case.status.value
    data["history"] = [{**asdict(h), "at": h.at.isoformat()} for h in case.history]
    return data


def case_from_row(row: CaseRow) -> Case:
    data = row.model_dump()
    data["status"] = CaseStatus(row.status)
    data["history"] = [HistoryEntry(**{**h, "at": datetime.fromisoformat(h["at"])}) for h in row.history]
    return Case(**data)


def task_to_row(task: ReviewTask) -> dict[str, Any]:
    data = asdict(task)
    data.pop("events")
    data["state"] = task.state.value
    data["panel"] = _json(data["panel"])
    data["notice"] = _json(data["notice"])
    return data


def _opinion(d: dict[str, Any]) -> ExpertOpinion:
    return ExpertOpinion(
        **{**d, "assigned_at": _at(d["assigned_at"]), "submitted_at": _at(d["submitted_at"])}
    )


def _notice(d: dict[str, Any] | None) -> PublicNotice | None:
    if d is None:
        return None
    objections = [
        Objection(**{**o, "filed_at": _at(o["filed_at"]), "resolved_at": _at(o["resolved_at"])})
        for o in d["objections"]
    ]
    opened, closes = datetime.fromisoformat(d["opened_at"]), datetime.fromisoformat(d["closes_at"])
    return PublicNotice(opened, closes, d["opened_by"], objections)


def task_from_row(row: TaskRow) -> ReviewTask:
    data = row.model_dump()
    data["state"] = TaskState(row.state)
    data["panel"] = [_opinion(p) for p in row.panel]
    data["notice"] = _notice(row.notice)
    return ReviewTask(**data)
