"""Requests about a designated zone (extension, acceptance, revocation, …) decided by its authority."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.review.domain.commands import DecideTask
from services.review.domain.rules import check_person
from services.review.domain.task import TASK_ID_NAMESPACE, ReviewTask, TaskState
from shared.errors import Reason, Refused
from shared.events.schemas import ZoneRequestDecided, ZoneRequestFiled
from shared.events.schemas.monitoring import (
    REQUEST_NAMES_ZH,
    REQUEST_OUTCOME_NAMES_ZH,
    REQUEST_OUTCOMES,
    REQUEST_STAGE_PREFIX,
)
from shared.personal_data import person_ref
from shared.programmes.model import Kind, Programme

OUTCOME_NAMES = REQUEST_OUTCOME_NAMES_ZH
STAGE_PREFIX = REQUEST_STAGE_PREFIX


def request_outcomes(kind: str, programme: Programme) -> tuple[str, ...]:
    """What may be decided on a request of `kind`; a title only where the programme confers one."""
    titled = bool(programme.success and programme.success.title_zh)
    return tuple(o for o in REQUEST_OUTCOMES[kind] if titled or o != "accepted_with_title")


UNIT_REVOCATION_ZH = "取消示范单位称号建议"  # 建议取消示范单位称号 (001:425): the liaison proposes
UNIT_OUTCOME_NAMES = {"revoked": "取消示范单位称号", "not_revoked": "保留示范单位称号"}


def _withdraws_a_title(kind: str, programme: Programme) -> bool:
    return kind == "revocation" and programme.kind is Kind.REGISTRATION


def request_stage_name(kind: str, programme: Programme) -> str:
    """What a request task is called: a unit's title is withdrawn, not a designation revoked."""
    return UNIT_REVOCATION_ZH if _withdraws_a_title(kind, programme) else REQUEST_NAMES_ZH[kind]


def outcome_name(kind: str, outcome: str, programme: Programme) -> str | None:
    if _withdraws_a_title(kind, programme) and outcome in UNIT_OUTCOME_NAMES:
        return UNIT_OUTCOME_NAMES[outcome]
    return OUTCOME_NAMES.get(outcome)


def open_request_task(
    e: ZoneRequestFiled, programme: Programme, me: str, now: datetime, due_days: int
) -> ReviewTask:
    task = ReviewTask(
        id=str(uuid.uuid5(TASK_ID_NAMESPACE, f"request|{e.request_id}|{me}")),
        application_id=e.application_id,
        programme=e.programme,
        programme_version=e.programme_version,
        stage=f"{STAGE_PREFIX}{e.kind}",
        stage_name=request_stage_name(e.kind, programme),
        reviewer_jurisdiction=me,
        applicant_code=e.applicant.code,
        applicant_name=e.applicant.name,
        title=e.title,
        due_on=programme.due(now, due_days),
        opened_at=now,
        kind="request",
        zone_id=e.zone_id,
        request=e.model_dump(mode="json"),
    )
    task.events.append(task.opened_event())
    return task


def decide_request(
    task: ReviewTask, cmd: DecideTask, programme: Programme, now: datetime
) -> ZoneRequestDecided:
    """Close a request task and raise ZoneRequestDecided (the new end of an approved extension)."""
    task.ensure_open()
    assert task.request is not None
    filed = ZoneRequestFiled.model_validate(task.request)
    allowed = request_outcomes(filed.kind, programme)
    reasons = check_person(cmd)
    if cmd.outcome not in allowed:
        reasons.append(
            Reason(
                "invalid_outcome",
                f"“{task.stage_name}”的结果只能是：{'、'.join(allowed)}",
                f"the outcome must be one of: {', '.join(allowed)}",
                "outcome",
            )
        )
    new_end = (
        cmd.new_end or filed.requested_end
        if filed.kind == "extension" and cmd.outcome == "approved"
        else None
    )
    if filed.kind == "extension" and cmd.outcome == "approved" and new_end is None:
        reasons.append(
            Reason(
                "new_end_missing",
                "批准延期须写明新的截止日期",
                "an approved extension needs its new end",
                "new_end",
            )
        )
    if reasons:
        raise Refused(reasons)
    task.state, task.decided_at, task.outcome = TaskState.DECIDED, now, cmd.outcome
    task.outcome_name, task.reviewer, task.opinion = (
        outcome_name(filed.kind, cmd.outcome, programme),
        cmd.reviewer.strip(),
        cmd.opinion.strip(),
    )
    task.document_no = cmd.document_no
    task.attachments = [{"name": n, "ref": r} for n, r in cmd.attachments]
    task.request = {**task.request, "new_end": new_end.isoformat() if new_end else None}
    event = ZoneRequestDecided(
        request_id=filed.request_id,
        zone_id=filed.zone_id,
        application_id=filed.application_id,
        programme=filed.programme,
        programme_version=filed.programme_version,
        applicant=filed.applicant,
        kind=filed.kind,
        outcome=cmd.outcome,
        decided_by=task.reviewer_jurisdiction,
        reviewer=person_ref("reviewer", task.reviewer_jurisdiction, filed.request_id),  # the name stays here
        opinion=task.opinion,
        new_end=new_end,
        document_no=cmd.document_no,
        decided_at=now,
        filed_by=filed.filed_by,
    )
    task.events.append(event)
    return event


def record_request_decided(task: ReviewTask, e: ZoneRequestDecided) -> bool:
    """Close a request task from its own ZoneRequestDecided (a rebuild by replay)."""
    if task.state is not TaskState.OPEN:
        return False
    task.state, task.decided_at, task.outcome = TaskState.DECIDED, e.decided_at, e.outcome
    task.outcome_name, task.reviewer, task.opinion = OUTCOME_NAMES.get(e.outcome), e.reviewer, e.opinion
    task.document_no = e.document_no
    assert task.request is not None
    task.request = {**task.request, "new_end": e.new_end.isoformat() if e.new_end else None}
    return True
