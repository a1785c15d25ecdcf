"""Review's handlers: plain async functions of (message, unit of work, dependencies)."""

from __future__ import annotations

import structlog

from services.review.adapters.repository import TaskQuery
from services.review.domain.admission import bar_counts, judge_submission
from services.review.domain.case import Case
from services.review.domain.claims import judge_decision, judge_known, judge_request_filed, judge_withdrawal
from services.review.domain.requests import open_request_task, record_request_decided
from services.review.domain.routing import in_territory, task_if_mine
from services.review.domain.task import ReviewTask
from services.review.service_layer.decisions import handle_decide_task
from services.review.service_layer.ports import ReviewUnitOfWork
from shared.errors import NotFound, quarantine
from shared.events.schemas import (
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ReviewStageDecided,
    ZoneDesignated,
    ZoneRequestDecided,
    ZoneRequestFiled,
)
from shared.events.sender import Sender
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of
from shared.programmes.model import Effect, Programme

__all__ = ["handle_decide_task"]  # deciding lives in decisions.py; named here for older callers

log = structlog.get_logger()


async def _open_if_mine(uow: ReviewUnitOfWork, case: Case, programme: Programme, stage: str, me: str) -> None:
    if await uow.tasks.has_open(case.application_id, stage):
        return
    task = task_if_mine(case, programme, stage, me, uow.clock.now())
    if task is not None:
        await uow.tasks.add(task)
        log.info("review_task_opened", task_id=task.id, application_id=case.application_id, stage=stage)


def _only_me(uow: ReviewUnitOfWork, me: str, what: str) -> None:
    """An event claiming to be this instance's own must come from this instance's jurisdiction."""
    sender = Sender.of(uow.cause)
    if not sender.is_("review", me):
        raise quarantine(
            "not_my_own",
            f"自称本级（{me}）作出的{what}，发送方却是 {sender}",
            f"a {what} claiming to be {me}'s own was sent by {sender}",
        )


async def handle_application_submitted(
    event: ApplicationSubmitted, uow: ReviewUnitOfWork, catalogue: Catalogue, me: str
) -> None:
    """Keep a case for an application in my territory; open its first stage if I own it."""
    if not in_territory(event.applicant.code, me):
        return  # nothing to keep; no commit, so not even an inbox row
    programme = programme_of(catalogue, event.programme, event.programme_version)
    async with uow:
        case = await uow.cases.get(event.application_id, for_update=True)
        if case is not None and not case.is_newer_submission(event):
            log.info("submission_already_known", application_id=event.application_id)
            return
        past = await uow.cases.past_decisions(
            event.applicant.code,
            event.programme,
            excluding=event.application_id,
            counted=bar_counts(event, programme),
        )
        judge_submission(event, programme, Sender.of(uow.cause), case, past)
        if case is None:
            case = Case.from_submitted(event, programme.first_stage.key)
            await uow.cases.add(case)
        else:
            case.record_resubmission(event)
            await uow.cases.save(case)
        if case.stage is not None:
            await _open_if_mine(uow, case, programme, case.stage, me)
        await uow.commit()


async def handle_application_withdrawn(event: ApplicationWithdrawn, uow: ReviewUnitOfWork, me: str) -> None:
    """Close the case I hold and its open tasks, when its applicant's intake says it was withdrawn."""
    async with uow:
        case = await uow.cases.get(event.application_id, for_update=True)
        if case is None:
            if in_territory(event.applicant.code, me):
                log.warning("withdrawal_of_unknown_case", application_id=event.application_id)
            return
        judge_withdrawal(case, event, Sender.of(uow.cause))  # by my case, not the event's claims
        if not case.withdraw(event):
            log.info("withdrawal_of_closed_case", application_id=case.application_id, status=case.status)
            return
        await uow.cases.save(case)
        tasks, _ = await uow.tasks.list(TaskQuery(application_id=case.application_id, state="open"))
        for task in tasks:
            task.withdraw(event.withdrawn_at)
            await uow.tasks.save(task)
        await uow.commit()
    log.info("application_withdrawn", application_id=event.application_id, tasks_closed=len(tasks))


async def handle_stage_decided(
    event: ReviewStageDecided, uow: ReviewUnitOfWork, catalogue: Catalogue, me: str
) -> None:
    """Add a decision (from any level, mine included) to the case; open the next stage if I own it."""
    async with uow:
        case = await uow.cases.get(event.application_id, for_update=True)
        if case is None:  # looked up whatever applicant it names: a false one must not hide my case
            if in_territory(event.applicant.code, me):
                log.warning("decision_for_unknown_case", application_id=event.application_id)
            return
        programme = programme_of(catalogue, case.programme, case.programme_version)  # the case's own
        sender = Sender.of(uow.cause)
        if case.has_decision(event.task_id):  # the echo of my own decision, or a re-published copy
            ruling = judge_known(case, programme, event, sender)
        else:
            ruling = judge_decision(case, programme, event, sender)  # the programme's, not the event's
            case.record_decision(event, programme)
            await uow.cases.save(case)
        if ruling.effect is Effect.ADVANCE and ruling.next_stage:  # my own next stage opens on the echo
            await _open_if_mine(uow, case, programme, ruling.next_stage, me)
        if event.decided_by == me and sender.is_("review", me):  # my own: a rebuild by replay
            task = await uow.tasks.get(event.task_id, for_update=True)
            if task is not None and task.record_decided(event):
                await uow.tasks.save(task)
        await uow.commit()


async def handle_zone_designated(event: ZoneDesignated, uow: ReviewUnitOfWork, me: str) -> None:
    """My own designation (a rebuild by replay): the task's zone and document number, which the
    designation numbering counts, and the case's history."""
    if event.designated_by != me:
        return
    _only_me(uow, me, "designation")
    async with uow:
        case = await uow.cases.get(event.application_id, for_update=True)
        decision = next((h.task_id for h in reversed(case.history) if h.task_id), None) if case else None
        task = await uow.tasks.get(decision, for_update=True) if decision else None
        if case is None or task is None:
            log.warning("designation_for_unknown_case", application_id=event.application_id)
            return
        if task.zone_id is None:
            task.record_designation(event.zone_id, event.document_no)
            await uow.tasks.save(task)
        if case.record_designated(event):
            await uow.cases.save(case)
        await uow.commit()


async def handle_zone_request_filed(
    event: ZoneRequestFiled, uow: ReviewUnitOfWork, catalogue: Catalogue, me: str, due_days: int
) -> None:
    """A request about a zone whose authority I am: a task to decide it (stage request:<kind>)."""
    if event.authority != me:
        return
    programme = programme_of(catalogue, event.programme, event.programme_version)
    task = open_request_task(event, programme, me, uow.clock.now(), due_days)
    async with uow:
        case = await uow.cases.get(event.application_id)
        judge_request_filed(event, Sender.of(uow.cause), case, me, programme)
        if await uow.tasks.get(task.id) is not None:
            return
        await uow.tasks.add(task)
        await uow.commit()
    log.info("request_task_opened", task_id=task.id, request_id=event.request_id, kind=event.kind)


async def handle_zone_request_decided(event: ZoneRequestDecided, uow: ReviewUnitOfWork, me: str) -> None:
    """My own decision of a request (a rebuild by replay): close its task."""
    if event.decided_by != me:
        return
    _only_me(uow, me, "request decision")
    async with uow:
        tasks, _ = await uow.tasks.list(
            TaskQuery(kind="request", application_id=event.application_id, limit=1000)
        )
        found = next(
            (t for t in tasks if t.request and t.request.get("request_id") == event.request_id), None
        )
        task = await uow.tasks.get(found.id, for_update=True) if found else None
        if task is not None and record_request_decided(task, event):
            await uow.tasks.save(task)
            await uow.commit()


async def get_task(task_id: str, uow: ReviewUnitOfWork) -> tuple[ReviewTask, Case | None]:
    """A task and its case (a request about a zone may have none here)."""
    async with uow:
        task = await uow.tasks.get(task_id)
        case = await uow.cases.get(task.application_id) if task else None
    if task is None or (case is None and task.kind == "stage"):
        raise NotFound("审核任务", "review task", task_id)
    return task, case


async def get_case(application_id: str, uow: ReviewUnitOfWork) -> Case:
    async with uow:
        case = await uow.cases.get(application_id)
    if case is None:
        raise NotFound("申报", "application", application_id)
    return case
