"""Review's HTTP routes for work on a task: claim, assign, release; experts and opinions; public notice."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from services.review.entrypoints.access import EXPERT_WORK, WORK, actor, in_scope, person
from services.review.entrypoints.api import _uow, task_out
from services.review.entrypoints.schemas import AssigneeIn, ExpertsIn, ObjectionIn, OpinionIn, ResolutionIn
from services.review.entrypoints.task_schemas import TaskOut
from services.review.service_layer import task_work
from services.review.service_layer.task_work import Change
from shared.security.tokens import Principal

router = APIRouter(tags=["work"])


async def _change(request: Request, who: Principal, task_id: str, change: Change) -> TaskOut:
    in_scope(request, who)
    task = await task_work.change_task(task_id, change, _uow(request), request.app.state.catalogue)
    return task_out(request, task, who)


@router.post("/tasks/{task_id}/claim", response_model=TaskOut)
async def claim(task_id: str, request: Request, who: Principal = Depends(WORK)) -> TaskOut:
    """Take the task (认领) as the caller; 409 already_claimed when another reviewer holds it."""
    return await _change(request, who, task_id, task_work.claim(actor(who)))


@router.post("/tasks/{task_id}/assignment", response_model=TaskOut)
async def assign(task_id: str, body: AssigneeIn, request: Request, who: Principal = Depends(WORK)) -> TaskOut:
    """Assign the task to a named reviewer, or reassign it (分派、改派)."""
    return await _change(request, who, task_id, task_work.assign(body.reviewer))


@router.post("/tasks/{task_id}/release", response_model=TaskOut)
async def release(task_id: str, request: Request, who: Principal = Depends(WORK)) -> TaskOut:
    """Give the task back to the queue."""
    return await _change(request, who, task_id, task_work.release())


@router.post("/tasks/{task_id}/experts", response_model=TaskOut)
async def assign_experts(
    task_id: str, body: ExpertsIn, request: Request, who: Principal = Depends(WORK)
) -> TaskOut:
    """Put experts on the stage's panel; only they see the task among experts."""
    return await _change(request, who, task_id, task_work.assign_experts(body.experts))


@router.post("/tasks/{task_id}/opinions", response_model=TaskOut)
async def record_opinion(
    task_id: str, body: OpinionIn, request: Request, who: Principal = Depends(EXPERT_WORK)
) -> TaskOut:
    """An assigned expert's opinion and per-criterion scores (403 for anyone not on the panel)."""
    cmd = body.command(task_id, person(who, body.expert))
    return await _change(request, who, task_id, task_work.record_opinion(cmd))


@router.post("/tasks/{task_id}/notice", response_model=TaskOut)
async def open_notice(task_id: str, request: Request, who: Principal = Depends(WORK)) -> TaskOut:
    """Open the stage's public notice (公示), as the caller, with its objection window from the definition."""
    return await _change(request, who, task_id, task_work.open_notice(actor(who)))


@router.post("/tasks/{task_id}/objections", response_model=TaskOut)
async def file_objection(
    task_id: str, body: ObjectionIn, request: Request, who: Principal = Depends(WORK)
) -> TaskOut:
    """Record an objection received while the notice is open (409 notice_closed after)."""
    return await _change(request, who, task_id, task_work.file_objection(body.objector, body.text))


@router.post("/tasks/{task_id}/objections/{objection_id}/resolution", response_model=TaskOut)
async def resolve_objection(
    task_id: str, objection_id: str, body: ResolutionIn, request: Request, who: Principal = Depends(WORK)
) -> TaskOut:
    """Resolve an objection: upheld or dismissed, with a note; all are resolved before the stage passes."""
    change = task_work.resolve_objection(objection_id, body.resolution, body.note, actor(who))
    return await _change(request, who, task_id, change)
