"""Review's HTTP routes for the queue and decisions: thin, each maps a request to a handler."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from services.review.adapters.repository import SORTABLE, TaskQuery
from services.review.domain.task import ReviewTask
from services.review.entrypoints.access import READ, WORK, actor, deciding_as, expert_of, in_scope
from services.review.entrypoints.schemas import DecisionIn
from services.review.entrypoints.task_schemas import HIDDEN_ID, CaseOut, TaskDetailOut, TaskOut, documents_of
from services.review.service_layer import decisions, handlers
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import NotFound
from shared.security.tokens import Principal

router = APIRouter()
SORTS = Literal[tuple(f"{d}{k}" for k in SORTABLE for d in ("", "-"))]  # type: ignore[valid-type]


def _uow(request: Request) -> ReviewUnitOfWork:
    factory = request.app.state.uow_factory
    return factory(correlation_id=getattr(request.state, "correlation_id", None))


def task_out(request: Request, task: ReviewTask, who: Principal) -> TaskOut:
    programme = request.app.state.catalogue.get(task.programme, task.programme_version)
    return TaskOut.of(task, programme, expert_of(who))


@router.get("/tasks", response_model=list[TaskOut], tags=["tasks"])
async def list_tasks(
    request: Request,
    response: Response,
    state: Literal["open", "decided", "withdrawn"] | None = None,
    stage: str | None = None,
    programme: str | None = None,
    applicant: str | None = Query(None, description="Applicant's jurisdiction code."),
    assignee: str | None = Query(None, description="The reviewer holding the task."),
    expert: str | None = Query(None, description="Tasks with this expert on the panel."),
    kind: Literal["stage", "request"] | None = None,
    due_before: date | None = Query(None, description="Due strictly before this day."),
    sort: SORTS = Query("-opened_at", description="A column, '-' first for descending."),  # type: ignore[valid-type]
    limit: int = Query(200, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
    who: Principal = Depends(READ),
) -> list[TaskOut]:
    """This jurisdiction's tasks (审核任务), filtered, sorted, one page (X-Total-Count: all that match).
    An expert sees only the tasks they sit on, and may not filter or sort by applicant (that would
    tell an anonymous application's applicant)."""
    in_scope(request, who)
    if expert_of(who):
        applicant = None
        sort = "-opened_at" if str(sort).lstrip("-") == "applicant_code" else sort
    query = TaskQuery(
        state=state,
        stage=stage,
        programme=programme,
        applicant=applicant,
        assignee=assignee,
        expert=expert_of(who) or expert,
        kind=kind,
        due_before=due_before,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    uow = _uow(request)
    async with uow:
        tasks, total = await uow.tasks.list(query)
    response.headers["X-Total-Count"] = str(total)
    return [task_out(request, t, who) for t in tasks]


@router.get("/tasks/overdue", response_model=list[TaskOut], tags=["tasks"])
async def overdue_tasks(request: Request, who: Principal = Depends(WORK)) -> list[TaskOut]:
    """Open tasks past their due date, the longest overdue first."""
    in_scope(request, who)
    uow = _uow(request)
    async with uow:
        today = uow.clock.now().date()
        tasks, _ = await uow.tasks.list(TaskQuery(state="open", due_before=today, sort="due_on", limit=1000))
    return [task_out(request, t, who) for t in tasks]


@router.get("/tasks/{task_id}", response_model=TaskDetailOut, tags=["tasks"])
async def get_task(task_id: str, request: Request, who: Principal = Depends(READ)) -> TaskDetailOut:
    """A task with its application, its documents and the full history across levels."""
    in_scope(request, who)
    task, case = await handlers.get_task(task_id, _uow(request))
    if expert_of(who) and all(p.expert != expert_of(who) for p in task.panel):
        raise NotFound("审核任务", "review task", task_id)  # an expert sees only what they sit on
    programme = request.app.state.catalogue.get(task.programme, task.programme_version)
    hidden = bool(expert_of(who)) and task.anonymous  # an expert gets the redacted dossier only
    return TaskDetailOut(
        task=TaskOut.of(task, programme, expert_of(who)),
        case=CaseOut.of(case, anonymous=task.anonymous, for_expert=hidden) if case else None,
        documents=documents_of(programme, HIDDEN_ID if hidden else task.application_id)
        if task.kind == "stage"
        else [],
    )


@router.post("/tasks/{task_id}/decision", response_model=TaskOut, tags=["decisions"])
async def decide_task(
    task_id: str, body: DecisionIn, request: Request, who: Principal = Depends(WORK)
) -> TaskOut:
    """Decide an open task. 422 for an outcome the stage does not have or a stage not this caller's;
    409 when already decided (of two reviewers deciding at once, one wins, the other is told)."""
    in_scope(request, who)
    cmd = body.command(task_id, actor(who), deciding_as(who))
    task = await decisions.handle_decide_task(cmd, _uow(request), request.app.state.catalogue)
    return task_out(request, task, who)


@router.post(
    "/applications/{application_id}/stages/{stage}/decision", response_model=TaskOut, tags=["decisions"]
)
async def decide_stage(
    application_id: str, stage: str, body: DecisionIn, request: Request, who: Principal = Depends(WORK)
) -> TaskOut:
    """Decide a stage of an application by its key: 422 stage_not_owned when this jurisdiction does not
    own it, 409 not_at_stage when the application is not at it; nothing changes either way."""
    in_scope(request, who)
    me = deciding_as(who) or request.app.state.jurisdiction
    task = await decisions.handle_decide_stage(
        application_id,
        stage,
        body.command("", actor(who), deciding_as(who)),
        _uow(request),
        request.app.state.catalogue,
        me,
    )
    return task_out(request, task, who)


@router.get("/applications/{application_id}", response_model=CaseOut, tags=["applications"])
async def get_application(application_id: str, request: Request, who: Principal = Depends(WORK)) -> CaseOut:
    """The case this jurisdiction keeps for an application, with its history (anonymous while at an
    anonymous stage)."""
    in_scope(request, who)
    case = await handlers.get_case(application_id, _uow(request))
    programme = request.app.state.catalogue.get(case.programme, case.programme_version)
    stage = programme.stage(case.stage) if programme and case.stage else None
    return CaseOut.of(case, anonymous=bool(stage and stage.anonymous))
