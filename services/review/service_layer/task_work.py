"""Work on an open task from the queue: holder, experts and their opinions, public notice, objections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.review.domain import work
from services.review.domain.commands import RecordOpinion
from services.review.domain.task import ReviewTask
from services.review.service_layer.lookups import locked_task
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import Reason, Refused
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of
from shared.programmes.model import Stage

Change = Callable[[ReviewTask, Stage | None, datetime], object]


async def change_task(
    task_id: str, change: Change, uow: ReviewUnitOfWork, catalogue: Catalogue
) -> ReviewTask:
    """Apply `change(task, stage, now)` to a locked task and commit; the stage is None for a request."""
    async with uow:
        task = await locked_task(uow, task_id)
        programme = programme_of(catalogue, task.programme, task.programme_version)
        change(task, programme.stage(task.stage), uow.clock.now())
        await uow.tasks.save(task)
        await uow.commit()
    return task


def _stage(stage: Stage | None) -> Stage:
    if stage is None:
        raise Refused(
            [
                Reason(
                    "not_a_stage",
                    "这是关于实验区的请示，不设专家或公示",
                    "a request about a zone has no experts or public notice",
                    "task_id",
                )
            ]
        )
    return stage


def claim(reviewer: str) -> Change:
    return lambda task, _stage, _now: work.claim(task, reviewer)


def assign(reviewer: str) -> Change:
    return lambda task, _stage, _now: work.assign(task, reviewer)


def release() -> Change:
    return lambda task, _stage, _now: work.release(task)


def assign_experts(experts: list[str]) -> Change:
    return lambda task, stage, now: work.assign_experts(task, _stage(stage), experts, now)


def record_opinion(cmd: RecordOpinion) -> Change:
    return lambda task, stage, now: work.record_opinion(task, _stage(stage), cmd, now)


def open_notice(by: str) -> Change:
    return lambda task, stage, now: work.open_notice(task, _stage(stage), by, now)


def _notice(task: ReviewTask) -> work.PublicNotice:
    task.ensure_open()
    if task.notice is None:
        raise Refused(
            [Reason("no_notice_open", "本任务尚未公示", "no public notice is open for this task", "notice")]
        )
    return task.notice


def file_objection(objector: str, text: str) -> Change:
    return lambda task, _stage, now: _notice(task).object(objector, text, now)


def resolve_objection(objection_id: str, resolution: str, note: str, by: str) -> Change:
    return lambda task, _stage, now: _notice(task).resolve(objection_id, resolution, note, by, now)
