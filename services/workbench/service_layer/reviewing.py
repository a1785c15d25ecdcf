"""What reviewers and experts do through review: the queue of a jurisdiction (filtered, overdue
marked by review's own clock), a task with its dossier as review shows it to this person (redacted in
an anonymous stage), and the stage's own outcomes, criteria and notice from the programme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.workbench.domain.i18n import Lang
from services.workbench.domain.session import Session
from services.workbench.service_layer.applying import definition, timeline
from services.workbench.service_layer.ports import Backends
from shared import jurisdictions

FILTERS = ("state", "stage", "programme", "assignee", "kind", "due_before", "sort")


def review_jurisdictions(backends: Backends, s: Session) -> list[str]:
    """The deployment's review instances this person's jurisdiction covers, their own first."""
    mine = [c for c in backends.reviews() if jurisdictions.is_within(c, s.jurisdiction)]
    return sorted(mine, key=lambda c: (c != s.jurisdiction, c))


@dataclass
class Queue:
    jurisdiction: str
    tasks: list[dict[str, Any]]
    total: int
    overdue: set[str] = field(default_factory=set)
    reasons: list[dict[str, Any]] = field(default_factory=list)


async def queue(backends: Backends, s: Session, code: str, filters: dict[str, str]) -> Queue:
    params = {k: v for k, v in filters.items() if k in FILTERS and v}
    answer = await backends.call(s.token, "review", "/tasks", jurisdiction=code, params=params)
    tasks = answer.data if answer.ok and isinstance(answer.data, list) else []
    overdue: set[str] = set()
    if s.role != "expert":  # review's /tasks/overdue is the reviewers' (by review's clock, not ours)
        late = await backends.call(s.token, "review", "/tasks/overdue", jurisdiction=code)
        overdue = {t["id"] for t in late.data} if late.ok and isinstance(late.data, list) else set()
    total = int(answer.headers.get("x-total-count", len(tasks)))
    return Queue(code, tasks, total, overdue, answer.reasons())


@dataclass
class TaskPage:
    task: dict[str, Any]
    case: dict[str, Any] | None
    documents: list[dict[str, Any]]
    stage: dict[str, Any]
    outcomes: list[dict[str, Any]]  # exactly the task's outcomes, named from the definition
    history: list[dict[str, str]]  # the case's history across levels, stages and outcomes named


async def task_page(backends: Backends, s: Session, code: str, task_id: str, lang: Lang) -> TaskPage | None:
    answer = await backends.call(s.token, "review", f"/tasks/{task_id}", jurisdiction=code)
    if not answer.ok or not isinstance(answer.data, dict):
        return None
    task = answer.data["task"]
    programme = await definition(backends, s, task["programme"], task["programme_version"]) or {}
    stage: dict[str, Any] = next((st for st in programme.get("route", []) if st["key"] == task["stage"]), {})
    named = {o["key"]: o for o in stage.get("outcomes", [])}
    outcomes = [named.get(k, {"key": k, "name_zh": k, "name_en": k}) for k in task.get("outcomes", [])]
    case = answer.data.get("case")
    history = timeline(case, programme, lang) if case else []
    return TaskPage(task, case, answer.data.get("documents", []), stage, outcomes, history)


def decision_body(form: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {"outcome": form.get("outcome", ""), "opinion": form.get("opinion", "")}
    measures = {k: form[k] for k in ("policy", "funding", "projects") if form.get(k)}
    if measures:
        body["support_measures"] = measures
    return body


def opinion_body(form: dict[str, str]) -> dict[str, Any]:
    scores = {}
    for key, value in form.items():
        if key.startswith("score.") and value.strip():
            try:
                scores[key.removeprefix("score.")] = float(value)
            except ValueError:
                scores[key.removeprefix("score.")] = -1.0  # review refuses it with its reason
    return {"opinion": form.get("opinion", ""), "scores": scores}
