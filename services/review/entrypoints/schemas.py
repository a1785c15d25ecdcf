"""Review's HTTP request bodies."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.review.domain.commands import DecideTask, RecommendZone, RecordOpinion


class Attachment(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="What it is, e.g. 专家评审意见汇总.")
    ref: str = Field(min_length=1, max_length=500, description="Where it is: a document id or URL.")


class SupportMeasures(BaseModel):
    policy: str | None = Field(None, max_length=5000, description="Policy support (政策支持).")
    funding: str | None = Field(None, max_length=5000, description="Funding (经费支持).")
    projects: str | None = Field(None, max_length=5000, description="Projects (项目支持).")


class DecisionIn(BaseModel):
    outcome: str = Field(description="An outcome key of the task's stage, e.g. pass, needs_improvement.")
    opinion: str = Field(min_length=1, max_length=20_000, description="The opinion text (审核意见).")
    document_no: str | None = Field(
        None,
        max_length=100,
        description="Document number; generated at designation when absent (鲁民函〔2027〕3号).",
    )
    document_date: date | None = Field(
        None, description="Date of the designation document; today when absent."
    )
    attachments: list[Attachment] = Field(
        default_factory=list, description="Documents attached to the decision."
    )
    support_measures: SupportMeasures | None = Field(
        None, description="Where the stage asks for them (a prefecture's formal recommendation)."
    )
    opinion_parts: dict[str, str] | None = Field(
        None,
        description="The opinion by the parts the stage names, e.g. Shandong's formal recommendation: "
        "foundation, theme_measures, plan_guidance (003:35).",
        max_length=20,
    )
    new_end: date | None = Field(
        None, description="An approved extension's new last day (default: as requested)."
    )

    def command(self, task_id: str, reviewer: str, as_jurisdiction: str | None = None) -> DecideTask:
        """The decision as the caller: `reviewer` and `as_jurisdiction` come from the token."""
        measures = self.support_measures.model_dump(exclude_none=True) if self.support_measures else None
        return DecideTask(
            task_id=task_id,
            outcome=self.outcome,
            reviewer=reviewer,
            opinion=self.opinion,
            document_no=self.document_no,
            document_date=self.document_date,
            attachments=tuple((a.name, a.ref) for a in self.attachments),
            support_measures=measures,
            opinion_parts=self.opinion_parts,
            new_end=self.new_end,
            as_jurisdiction=as_jurisdiction,
        )


class AssigneeIn(BaseModel):
    reviewer: str = Field(min_length=1, max_length=100, description="The reviewer to give the task to.")


class ExpertsIn(BaseModel):
    experts: list[str] = Field(min_length=1, description="Experts to put on the stage's panel.")


class OpinionIn(BaseModel):
    expert: str = Field("", max_length=100, description="The expert (with authorisation on: the caller).")
    opinion: str = Field(min_length=1, max_length=20_000, description="The expert's opinion.")
    scores: dict[str, float] = Field(
        default_factory=dict, description="Criterion key → score, where the stage scores."
    )

    def command(self, task_id: str, expert: str) -> RecordOpinion:
        return RecordOpinion(task_id=task_id, expert=expert, opinion=self.opinion, scores=self.scores)


class ObjectionIn(BaseModel):
    objector: str = Field(min_length=1, max_length=200, description="Who objects (a person or unit).")
    text: str = Field(min_length=1, max_length=20_000, description="The objection.")


class ResolutionIn(BaseModel):
    resolution: str = Field(description="upheld (成立) or dismissed (不成立).")
    note: str = Field(min_length=1, max_length=20_000, description="Why.")


class SelectionIn(BaseModel):
    programme: str = Field(description="Programme key, e.g. top10-innovation.")
    stage: str = Field(description="The stage decided by selection, e.g. announcement.")
    picks: dict[str, list[str]] = Field(
        description="Outcome key → task ids, e.g. {selected: [10 ids], nominated: [M ids]}."
    )
    rest: str | None = Field(
        None, description="Outcome for every other open task of the stage (not_selected)."
    )
    opinion: str = Field(min_length=1, max_length=20_000, description="The selection's opinion.")

    def base(self, reviewer: str, as_jurisdiction: str | None) -> DecideTask:
        return DecideTask(
            task_id="",
            outcome="",
            reviewer=reviewer,
            opinion=self.opinion,
            as_jurisdiction=as_jurisdiction,
        )


class RecommendationIn(BaseModel):
    into: str = Field(
        min_length=1, max_length=64, description="A target of the zone's programme, e.g. national-zones."
    )
    opinion: str = Field(
        min_length=1, max_length=20_000, description="The recommendation opinion (推荐意见)."
    )

    def command(self, zone_id: str, reviewer: str, as_jurisdiction: str | None) -> RecommendZone:
        return RecommendZone(
            zone_id=zone_id,
            into=self.into,
            reviewer=reviewer,
            opinion=self.opinion,
            as_jurisdiction=as_jurisdiction,
        )


class RecommendationOut(BaseModel):
    recommendation_id: str
    zone_id: str
    application_id: str
    into: str = Field(description="The target's key.")
    into_name_zh: str
    external: bool = Field(description="The target runs outside this system: nothing is pre-filled.")
    title_conferred: str | None
    recommended_by: str
    recommended_at: datetime
