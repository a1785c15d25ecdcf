"""The ReviewTask: one stage of one application (or one request about a zone), open until decided."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.review.domain.case import Case
from services.review.domain.commands import DecideTask
from services.review.domain.notice import PublicNotice, notice_missing
from services.review.domain.panel import ExpertOpinion, check_panel, combined_opinion, panel_result
from services.review.domain.rules import check_decision, measures_text
from shared.errors import Conflict, Reason, Refused
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef, ReviewStageDecided, ReviewTaskOpened
from shared.personal_data import person_ref
from shared.programmes.model import ENDS_WELL, Effect, Outcome, Programme, Stage

BARRED_NOTE = (
    "（该主题评审未通过次数已达上限，本次申报不再受理，该主题今后不得再次申报。"
    " / The theme has failed review the most times allowed: this application is closed and the theme is"
    " barred for this applicant.）"
)
TASK_ID_NAMESPACE = uuid.UUID("5d8e3c1a-7b2f-4e6d-9c0a-1f4b8a2e6d37")
PASSING = (Effect.ADVANCE, *ENDS_WELL)


class TaskState(StrEnum):
    OPEN = "open"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"  # the applicant withdrew before a decision


@dataclass
class ReviewTask:
    id: str
    application_id: str
    programme: str
    programme_version: int
    stage: str
    stage_name: str
    reviewer_jurisdiction: str
    applicant_code: str
    applicant_name: str
    title: str
    due_on: date
    opened_at: datetime
    state: TaskState = TaskState.OPEN
    outcome: str | None = None
    outcome_name: str | None = None
    effect: str | None = None
    reviewer: str | None = None
    opinion: str | None = None
    decided_at: datetime | None = None
    document_no: str | None = None
    zone_id: str | None = None
    kind: str = "stage"  # stage | request
    anonymous: bool = False
    assignee: str | None = None
    attachments: list[dict[str, str]] = field(default_factory=list)
    support_measures: dict[str, str] | None = None
    panel: list[ExpertOpinion] = field(default_factory=list)
    score: float | None = None
    notice: PublicNotice | None = None
    request: dict[str, Any] | None = None
    events: list[Event] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, case: Case, programme: Programme, stage: Stage, owner: str, now: datetime) -> ReviewTask:
        # The id follows from what opens the task, so a rebuild by replay opens it with the same id.
        ident = f"{case.application_id}|{stage.key}|{case.revision}|{owner}"
        task = cls(
            id=str(uuid.uuid5(TASK_ID_NAMESPACE, ident)),
            application_id=case.application_id,
            programme=programme.key,
            programme_version=programme.version,
            stage=stage.key,
            stage_name=stage.name_zh,
            reviewer_jurisdiction=owner,
            applicant_code=case.applicant_code,
            applicant_name=case.applicant_name,
            title=case.title,
            due_on=programme.due(now, stage.due_days),
            opened_at=now,
            anonymous=stage.anonymous,
        )
        task.events.append(task.opened_event())
        return task

    def opened_event(self) -> ReviewTaskOpened:
        """The event announcing this task, for any kind of task (a stage or a zone request)."""
        return ReviewTaskOpened(
            task_id=self.id,
            application_id=self.application_id,
            programme=self.programme,
            stage=self.stage,
            stage_name=self.stage_name,
            reviewer_jurisdiction=self.reviewer_jurisdiction,
            applicant=ApplicantRef(code=self.applicant_code, name=self.applicant_name),
            title=self.title,
            due_on=self.due_on,
        )

    def withdraw(self, at: datetime) -> bool:
        """Close the open task: the applicant withdrew. False when it was already closed."""
        if self.state is not TaskState.OPEN:
            return False
        self.state, self.decided_at = TaskState.WITHDRAWN, at
        return True

    def ensure_open(self) -> None:
        if self.state is TaskState.WITHDRAWN:
            raise Conflict(
                [
                    Reason(
                        "application_withdrawn",
                        "申报单位已撤回该申报，不能再作决定",
                        "the applicant withdrew this application: no decision can be taken",
                        "task_id",
                    )
                ]
            )
        if self.state is not TaskState.OPEN:
            raise Conflict(
                [
                    Reason(
                        "already_decided",
                        f"该审核任务已办结（{self.outcome_name}），不能重复决定",
                        f"this review task was already decided ({self.outcome})",
                        "task_id",
                    )
                ]
            )

    def _stage(self, programme: Programme) -> Stage:
        stage = programme.stage(self.stage)
        assert stage is not None, f"stage {self.stage} not in {programme.key} v{programme.version}"
        return stage

    def check_decision(self, cmd: DecideTask, programme: Programme, now: datetime) -> Outcome:
        """The outcome `cmd` chooses; Conflict when the task is decided, Refused listing every reason."""
        self.ensure_open()
        stage = self._stage(programme)
        reasons: list[Reason] = check_decision(stage, cmd)
        outcome = stage.outcome(cmd.outcome)
        passing = outcome is not None and outcome.effect in PASSING
        reasons += check_panel(stage, self.panel, passing)
        if passing and stage.public_notice_days:
            reasons += self.notice.blocks_completion(now) if self.notice else [notice_missing()]
        if reasons or outcome is None:
            raise Refused(reasons)
        return outcome

    def decide(
        self,
        cmd: DecideTask,
        programme: Programme,
        case: Case,
        now: datetime,
        *,
        barred: bool = False,
        document_no: str | None = None,
    ) -> ReviewStageDecided:
        """Close the task with `cmd`'s outcome and raise ReviewStageDecided. `barred`: this revise is
        the failure the programme allows no more of, so no revision is awaited. A `recognise` outcome
        names what it confers and carries `document_no` (no zone follows it)."""
        outcome = self.check_decision(cmd, programme, now)
        stage = self._stage(programme)
        following = programme.next_stage(stage.key) if outcome.effect is Effect.ADVANCE else None
        effect = Effect.REJECT if outcome.effect is Effect.REVISE and barred else outcome.effect
        parts = [cmd.opinion.strip(), measures_text(cmd.support_measures)]
        if effect is not outcome.effect:
            parts.append(BARRED_NOTE)
        if outcome.effect not in PASSING:  # sent back: the experts' opinions go with it
            parts.append(combined_opinion(self.panel))
        self.state, self.decided_at, self.score = TaskState.DECIDED, now, panel_result(stage, self.panel)
        self.outcome, self.outcome_name, self.effect = outcome.key, outcome.name_zh, effect.value
        self.reviewer, self.opinion = cmd.reviewer.strip(), "\n".join(p for p in parts if p)
        self.attachments = [{"name": n, "ref": r} for n, r in cmd.attachments]
        self.support_measures = cmd.support_measures
        event = ReviewStageDecided(
            task_id=self.id,
            application_id=self.application_id,
            programme=self.programme,
            programme_version=self.programme_version,
            stage=stage.key,
            stage_name=stage.name_zh,
            outcome=outcome.key,
            outcome_name=outcome.name_zh,
            effect=effect.value,
            next_stage=following.key if following else None,
            decided_by=self.reviewer_jurisdiction,
            reviewer=person_ref("reviewer", self.reviewer_jurisdiction, self.id),  # the name stays here
            opinion=self.opinion,
            applicant=case.applicant,
            title=case.title,
            theme=case.theme,
            revision_due_on=programme.due(now, stage.due_days) if effect is Effect.REVISE else None,
            decided_at=now,
            confers=outcome.confers_zh if effect is Effect.RECOGNISE else None,
            document_no=document_no if effect is Effect.RECOGNISE else None,
        )
        if effect is Effect.RECOGNISE:
            self.document_no = document_no
        self.events.append(event)
        return event

    def record_decided(self, e: ReviewStageDecided) -> bool:
        """Close the task from its own ReviewStageDecided (a rebuild by replay); False when closed."""
        if self.state is not TaskState.OPEN:
            return False
        self.state, self.decided_at = TaskState.DECIDED, e.decided_at
        self.outcome, self.outcome_name, self.effect = e.outcome, e.outcome_name, e.effect
        self.reviewer, self.opinion = e.reviewer, e.opinion
        self.document_no = e.document_no or self.document_no  # a recognition's number, counted again
        return True

    def record_designation(self, zone_id: str, document_no: str) -> None:
        self.zone_id, self.document_no = zone_id, document_no
