"""Work on an open task: who holds it, which experts sit on it, its public notice."""

from __future__ import annotations

from datetime import datetime

from services.review.domain.commands import RecordOpinion
from services.review.domain.notice import PublicNotice
from services.review.domain.panel import ExpertOpinion, check_scores, weighted_total
from services.review.domain.task import ReviewTask
from shared.errors import Conflict, Forbidden, Reason, Refused
from shared.programmes.model import Decider, Stage

PANELS = (Decider.EXPERT_PANEL, Decider.JOINT_PANEL, Decider.THIRD_PARTY)


def _named(name: str, field: str) -> str:
    if not name.strip():
        raise Refused([Reason("reviewer_missing", "须写明审核人", "a reviewer's name is required", field)])
    return name.strip()


def claim(task: ReviewTask, reviewer: str) -> None:
    """A reviewer takes the task; 409 when someone else holds it."""
    task.ensure_open()
    who = _named(reviewer, "reviewer")
    if task.assignee and task.assignee != who:
        raise Conflict(
            [
                Reason(
                    "already_claimed",
                    f"该任务已由{task.assignee}办理",
                    f"{task.assignee} already holds this task",
                    "task_id",
                )
            ]
        )
    task.assignee = who


def assign(task: ReviewTask, reviewer: str) -> None:
    """Assign (or reassign) the task to a named reviewer."""
    task.ensure_open()
    task.assignee = _named(reviewer, "reviewer")


def release(task: ReviewTask) -> None:
    task.ensure_open()
    task.assignee = None


def assign_experts(task: ReviewTask, stage: Stage, experts: list[str], now: datetime) -> None:
    """Put experts on the stage's panel (those already on it stay as they are)."""
    task.ensure_open()
    if stage.deciders not in PANELS and not stage.criteria:
        raise Refused(
            [
                Reason(
                    "no_experts_in_stage",
                    f"“{stage.name_zh}”不由专家评审",
                    f"{stage.name_en} is not decided by experts",
                    "experts",
                )
            ]
        )
    names = [e.strip() for e in experts if e.strip()]
    if not names:
        raise Refused(
            [Reason("experts_missing", "须指定至少一名专家", "name at least one expert", "experts")]
        )
    known = {p.expert for p in task.panel}
    task.panel += [ExpertOpinion(name, now) for name in dict.fromkeys(names) if name not in known]


def record_opinion(task: ReviewTask, stage: Stage, cmd: RecordOpinion, now: datetime) -> ExpertOpinion:
    """An assigned expert's opinion and scores; they may amend them until the stage is decided."""
    task.ensure_open()
    seat = next((p for p in task.panel if p.expert == cmd.expert), None)
    if seat is None:
        raise Forbidden(f"{cmd.expert} 不是本任务的评审专家", f"{cmd.expert} is not an expert on this task")
    reasons = check_scores(stage, cmd.scores) if stage.criteria else []
    if not cmd.opinion.strip():
        reasons.append(Reason("opinion_missing", "须填写评审意见", "an opinion is required", "opinion"))
    if reasons:
        raise Refused(reasons)
    seat.opinion, seat.submitted_at = cmd.opinion.strip(), now
    seat.scores = {c.key: float(cmd.scores[c.key]) for c in stage.criteria}
    seat.total = weighted_total(stage, seat.scores)
    return seat


def open_notice(task: ReviewTask, stage: Stage, by: str, now: datetime) -> PublicNotice:
    """Open the stage's public notice (公示) with its objection window."""
    task.ensure_open()
    if not stage.public_notice_days:
        raise Refused(
            [
                Reason(
                    "no_public_notice",
                    f"“{stage.name_zh}”不设公示",
                    f"{stage.name_en} has no public notice",
                    "notice",
                )
            ]
        )
    if task.notice is not None:
        raise Conflict([Reason("notice_already_opened", "公示已发布", "the public notice is already open")])
    task.notice = PublicNotice.open(now, stage.public_notice_days, _named(by, "reviewer"))
    return task.notice
