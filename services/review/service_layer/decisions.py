"""Deciding: one task, a stage of an application named by its key, or a whole selection at once."""

from __future__ import annotations

import structlog

from services.review.adapters.repository import TaskQuery
from services.review.domain.commands import DecideTask
from services.review.domain.designation import designation_date, document_no, period
from services.review.domain.requests import decide_request
from services.review.domain.task import ReviewTask, TaskState
from services.review.service_layer.lookups import refuse_not_mine
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import Conflict, NotFound, Reason, Refused
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of
from shared.programmes.model import Effect

log = structlog.get_logger()


async def _decide_locked(
    task: ReviewTask, cmd: DecideTask, uow: ReviewUnitOfWork, catalogue: Catalogue
) -> None:
    """Decide `task` (locked by the caller) inside the caller's unit of work."""
    programme = programme_of(catalogue, task.programme, task.programme_version)
    refuse_not_mine(task, cmd.as_jurisdiction)
    now = uow.clock.now()
    if task.kind == "request":
        decide_request(task, cmd, programme, now)
        await uow.tasks.save(task)
        return
    case = await uow.cases.get(task.application_id, for_update=True)
    assert case is not None, f"task {task.id} without its case"
    tz = programme.window.timezone
    start = cmd.document_date or designation_date(now, tz)
    stage = programme.stage(task.stage)
    chosen = stage.outcome(cmd.outcome) if stage else None
    recognition = None  # an achievement or a title: its document number goes with the decision
    if chosen is not None and chosen.effect is Effect.RECOGNISE:
        recognition = await _number(cmd, programme.document_prefix, start.year, tz, uow)
    barred = case.bars_after(programme, task.stage)
    decided = task.decide(cmd, programme, case, now, barred=barred, document_no=recognition)
    case.record_decision(decided, programme)
    if task.score is not None:
        case.scores[task.stage] = task.score
    if decided.effect == Effect.DESIGNATE.value:
        number = await _number(cmd, programme.document_prefix, start.year, tz, uow)
        first, last = period(start, case.period_months)
        zone = case.designate(
            by=task.reviewer_jurisdiction, document_no=number, at=now, period_start=first, period_end=last
        )
        task.record_designation(zone.zone_id, number)
    await uow.tasks.save(task)
    await uow.cases.save(case)


async def _number(cmd: DecideTask, prefix: str, year: int, tz: str, uow: ReviewUnitOfWork) -> str:
    """The document number given, or the next one of this instance's year (designations and
    recognitions share the sequence: one 文号 series per issuing authority)."""
    return cmd.document_no or document_no(prefix, year, await uow.tasks.next_designation_number(year, tz))


async def handle_decide_task(cmd: DecideTask, uow: ReviewUnitOfWork, catalogue: Catalogue) -> ReviewTask:
    """Record a decision on an open task; with effect designate, designate the zone too."""
    async with uow:
        task = await uow.tasks.get(cmd.task_id, for_update=True)  # the second reviewer waits here
        if task is None:
            raise NotFound("审核任务", "review task", cmd.task_id)
        await _decide_locked(task, cmd, uow, catalogue)
        await uow.commit()
    log.info("review_decided", task_id=task.id, outcome=task.outcome, application_id=task.application_id)
    return task


async def handle_decide_stage(
    application_id: str, stage: str, cmd: DecideTask, uow: ReviewUnitOfWork, catalogue: Catalogue, me: str
) -> ReviewTask:
    """Decide `stage` of an application: refused when the stage is not mine or the application not at it."""
    async with uow:
        case = await uow.cases.get(application_id, for_update=True)
        if case is None:
            raise NotFound("申报", "application", application_id)
        programme = programme_of(catalogue, case.programme, case.programme_version)
        found = programme.stage(stage)
        owner = programme.stage_owner(found, case.applicant_code) if found else None
        if owner != me:
            raise Refused(
                [
                    Reason(
                        "stage_not_owned",
                        f"“{found.name_zh if found else stage}”不由本级（{me}）审核"
                        f"{f'，应由 {owner} 审核' if owner else ''}",
                        f"stage {stage} is not decided by {me}" + (f" but by {owner}" if owner else ""),
                        "stage",
                    )
                ]
            )
        tasks, _ = await uow.tasks.list(TaskQuery(state="open", stage=stage, application_id=application_id))
        if case.stage != stage or not tasks:
            raise Conflict(
                [
                    Reason(
                        "not_at_stage",
                        f"该申报当前不在“{found.name_zh if found else stage}”环节"
                        f"（{case.status}，{case.stage or '无'}）",
                        f"the application is not at {stage} (status {case.status}, stage {case.stage})",
                        "stage",
                    )
                ]
            )
        task = await uow.tasks.get(tasks[0].id, for_update=True)
        assert task is not None
        await _decide_locked(task, DecideTask(**{**cmd.__dict__, "task_id": task.id}), uow, catalogue)
        await uow.commit()
    return task


async def handle_select(
    programme: str,
    stage: str,
    picks: dict[str, list[str]],
    rest: str | None,
    base: DecideTask,
    uow: ReviewUnitOfWork,
    catalogue: Catalogue,
) -> list[ReviewTask]:
    """The owner's selection at `stage` (e.g. N achievements, M nominated): every pick decided with its
    outcome, every other open task of the stage with `rest`, all in one transaction or none."""
    async with uow:
        open_now, _ = await uow.tasks.list(
            TaskQuery(state="open", stage=stage, programme=programme, limit=10_000)
        )
        chosen = {task_id: outcome for outcome, ids in picks.items() for task_id in ids}
        unknown = sorted(set(chosen) - {t.id for t in open_now})
        if unknown:
            raise Refused(
                [
                    Reason(
                        "not_open_at_stage",
                        f"这些任务不是本环节的待办任务：{'、'.join(unknown)}",
                        f"not open tasks of {stage}: {', '.join(unknown)}",
                        "picks",
                    )
                ]
            )
        decided = []
        for listed in open_now:
            outcome = chosen.get(listed.id, rest)
            if outcome is None:
                continue
            task = await uow.tasks.get(listed.id, for_update=True)
            assert task is not None and task.state is TaskState.OPEN
            await _decide_locked(
                task, DecideTask(**{**base.__dict__, "task_id": task.id, "outcome": outcome}), uow, catalogue
            )
            decided.append(task)
        await uow.commit()
    return decided
