"""Joint review and ranking: combined scores rank a stage's open tasks; the owner's selection decides them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from services.review.adapters.repository import TaskQuery
from services.review.domain.ranking import rank
from services.review.entrypoints.access import WORK, actor, deciding_as, in_scope
from services.review.entrypoints.api import _uow, task_out
from services.review.entrypoints.schemas import SelectionIn
from services.review.entrypoints.task_schemas import RankedOut, TaskOut
from services.review.service_layer import decisions
from shared.security.tokens import Principal

router = APIRouter(tags=["ranking"])


@router.get("/rankings", response_model=list[RankedOut])
async def ranking(
    programme: str, stage: str, request: Request, who: Principal = Depends(WORK)
) -> list[RankedOut]:
    """The open tasks of `stage`, best first, by the combined (mean) panel scores of their applications."""
    in_scope(request, who)
    uow = _uow(request)
    async with uow:
        tasks, _ = await uow.tasks.list(
            TaskQuery(state="open", programme=programme, stage=stage, limit=10_000)
        )
        cases = {t.application_id: await uow.cases.get(t.application_id) for t in tasks}
    ranked = rank(tasks, {k: c.scores for k, c in cases.items() if c is not None})
    return [RankedOut(rank=n, combined_score=s, task=task_out(request, t, who)) for n, s, t in ranked]


@router.post("/selections", response_model=list[TaskOut])
async def select(body: SelectionIn, request: Request, who: Principal = Depends(WORK)) -> list[TaskOut]:
    """Decide a stage by selection (e.g. 10 achievements, M nominated, the rest not selected): every
    task in one transaction, or none with the reasons."""
    in_scope(request, who)
    tasks = await decisions.handle_select(
        body.programme,
        body.stage,
        body.picks,
        body.rest,
        body.base(actor(who), deciding_as(who)),
        _uow(request),
        request.app.state.catalogue,
    )
    return [task_out(request, t, who) for t in tasks]
