"""Events of an application's life, on `zones.applications.v1`, keyed by application id."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.events.registry import Event
from shared.events.topics import APPLICATIONS


class ApplicantRef(BaseModel):
    """A party named in an event (tolerant reader, like every payload: unknown fields are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: str = Field(description="The applicant's 6-digit jurisdiction code, e.g. 370103.")
    name: str = Field(
        description="The applicant unit's name, e.g. 济南市市中区 (an institution, not a person)."
    )


class Advice(BaseModel):
    """A norm of the notice (一般不超过) the application goes beyond: for the evaluators, not a refusal."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: str = Field(description="Machine-readable code, e.g. beyond_guidance.")
    message_zh: str = Field(description="What the evaluators should note, in Chinese.")
    message_en: str = Field(description="The same in English.")
    field: str | None = Field(None, description="The form field concerned, e.g. form.facility_radius_km.")


class ApplicationSubmitted(Event):
    """An applicant submitted (or resubmitted after revision) an application to a programme."""

    type = "zones.application.submitted.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    application_id: str = Field(description="The application's id (UUID).")
    reference_no: str = Field(description="Receipt reference number shown to the applicant.")
    programme: str = Field(description="Programme key, e.g. shandong-zones.")
    programme_version: int = Field(description="Version of the programme definition it was submitted under.")
    applicant: ApplicantRef = Field(description="Who applied.")
    title: str = Field(description="The experiment's title.")
    theme: str = Field(description="The chosen theme (Chinese, verbatim from the programme's list).")
    period_months: int = Field(description="Requested experiment period in months.")
    guidance_expert: str | None = Field(
        None,
        description="That a guidance expert is named, as a person reference (guidance_expert:<applicant "
        "code>:<application id prefix>), never the name: intake keeps it. None when none is named.",
    )
    contact_email: str = Field(
        description="The applicant unit's public mailbox for this work (institutional, 非个人邮箱)."
    )
    plan_characters: int = Field(description="Length of the plan in characters as a Chinese reader counts.")
    revision: int = Field(0, description="0 for the first submission, n for the n-th revision.")
    submitted_at: datetime = Field(description="When it was submitted.")
    advisories: list[Advice] = Field(
        default_factory=list,
        description="Norms of the notice the application goes beyond (e.g. 服务设施辐射半径"
        "一般不超过2-3公里, 001:485), for the evaluators: advice, never a refusal. Empty when none.",
    )


class ApplicationWithdrawn(Event):
    """The applicant withdrew an application that was still open (under review or awaiting revision).

    Sent by the intake covering the applicant. Reviewing levels close the case and its open tasks: a
    decision on it is refused after this. Nothing about it counts as a failed review.
    """

    type = "zones.application.withdrawn.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    application_id: str = Field(description="The application's id (UUID).")
    reference_no: str = Field(description="Receipt reference number.")
    programme: str = Field(description="Programme key.")
    programme_version: int = Field(description="Version of the programme definition it was submitted under.")
    applicant: ApplicantRef = Field(description="Who applied (and now withdraws).")
    reason: str = Field("", description="The applicant's reason, as written (may be empty).")
    withdrawn_at: datetime = Field(description="When it was withdrawn.")


class ReviewTaskOpened(Event):
    """A review instance opened a task for one stage of an application."""

    type = "zones.review.task_opened.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    task_id: str = Field(description="The task's id (UUID).")
    application_id: str = Field(description="The application under review.")
    programme: str = Field(description="Programme key.")
    stage: str = Field(description="Stage key from the programme's review route.")
    stage_name: str = Field(description="Stage name in Chinese.")
    reviewer_jurisdiction: str = Field(description="Jurisdiction that owns the stage.")
    applicant: ApplicantRef = Field(description="Who applied.")
    title: str = Field(description="The experiment's title.")
    due_on: date = Field(description="Date by which the stage should be decided.")


class ReviewStageDecided(Event):
    """A reviewing jurisdiction decided one stage of an application."""

    type = "zones.review.stage_decided.v1"
    topic = APPLICATIONS
    key_field = "application_id"

    task_id: str = Field(description="The decided task.")
    application_id: str = Field(description="The application.")
    programme: str = Field(description="Programme key.")
    programme_version: int = Field(description="Version of the definition the application is on.")
    stage: str = Field(description="Stage key that was decided.")
    stage_name: str = Field(description="Stage name in Chinese.")
    outcome: str = Field(description="Outcome key from the stage's definition, e.g. pass, needs_improvement.")
    outcome_name: str = Field(description="Outcome name in Chinese, e.g. 通过.")
    effect: str = Field(
        description="What the outcome does: advance, revise, reject, designate (a zone, with its period and "
        "monitoring) or recognise (an achievement or a title: no zone, no period)."
    )
    next_stage: str | None = Field(None, description="The stage the application moves to, if any.")
    decided_by: str = Field(description="Jurisdiction code of the deciding authority.")
    reviewer: str = Field(
        description="Who recorded the decision, as a person reference (reviewer:<jurisdiction>:<task id "
        "prefix>), never the name: the deciding instance keeps it with the task."
    )
    opinion: str = Field(description="The opinion text (审核意见).")
    applicant: ApplicantRef = Field(description="Who applied.")
    title: str = Field(description="The experiment's title.")
    theme: str = Field(description="The application's theme.")
    revision_due_on: date | None = Field(None, description="Revision deadline when the effect is revise.")
    decided_at: datetime = Field(description="When the decision was recorded.")
    confers: str | None = Field(
        None,
        description="When the effect is recognise: what is conferred, as the programme names it, e.g. "
        "中国社区治理十大创新成果提名成果 or 全国农村社区建设实验全覆盖示范单位. No zone follows.",
    )
    document_no: str | None = Field(
        None, description="When the effect is recognise: the official document number, e.g. 民函〔2027〕3号."
    )
