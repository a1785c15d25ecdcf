"""Monitoring's HTTP response bodies."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.monitoring.domain.model import Obligation, Submission, Zone, ZoneRequest
from services.monitoring.entrypoints.supervision_schemas import InspectionOut, ProgressReportOut


class ObligationOut(BaseModel):
    id: str
    zone_id: str
    kind: str = Field(description="Obligation kind from the programme, e.g. annual_plan.")
    title: str = Field(description="What is owed, e.g. 2027年度实验计划.")
    due_on: date
    state: str = Field(description="upcoming, due, submitted, accepted, returned, overdue or cancelled.")
    actor: str = Field("zone", description="Who must act: the zone, or the authority (owner).")

    @classmethod
    def of(cls, ob: Obligation) -> ObligationOut:
        return cls(
            id=ob.id,
            zone_id=ob.zone_id,
            kind=ob.kind,
            title=ob.title,
            due_on=ob.due_on,
            state=ob.state.value,
            actor=ob.actor,
        )


class ZoneOut(BaseModel):
    id: str
    application_id: str
    programme: str
    programme_version: int
    applicant_code: str
    applicant_name: str
    title: str
    theme: str
    designated_by: str = Field(description="Jurisdiction code of the designating authority.")
    document_no: str
    designated_at: datetime
    period_start: date
    period_end: date
    state: str
    kind: str = Field("zone", description="zone, or unit for a registered demonstration unit.")
    warnings: int = Field(0, description="Overdue warnings so far.")
    title_conferred: str | None = Field(None, description="The title conferred at acceptance, if any.")
    kept_here: bool = Field(
        True,
        description="True when this instance keeps the zone (fires its reminders, takes its filings); "
        "false when it only mirrors it: the designating authority's monitoring instance keeps it.",
    )

    @classmethod
    def fields_of(cls, zone: Zone, kept_here: bool = True) -> dict[str, object]:
        own = {f: getattr(zone, f) for f in ZoneOut.model_fields if f not in ("state", "kept_here")}
        return {**own, "state": zone.state.value, "kept_here": kept_here}

    @classmethod
    def of(cls, zone: Zone, kept_here: bool = True) -> ZoneOut:
        return cls.model_validate(cls.fields_of(zone, kept_here))


class ZoneDetailOut(ZoneOut):
    obligations: list[ObligationOut]
    submissions: list[SubmissionOut] = []
    requests: list[RequestOut] = []
    inspections: list[InspectionOut] = Field([], description="Inspections and assessments, with findings.")
    progress_reports: list[ProgressReportOut] = Field([], description="Reports filed outside the schedule.")

    @classmethod
    def of(cls, zone: Zone, kept_here: bool = True) -> ZoneDetailOut:
        return cls.model_validate(
            {
                **cls.fields_of(zone, kept_here),
                "obligations": [ObligationOut.of(o) for o in zone.obligations],
                "submissions": [SubmissionOut.of(s) for s in zone.submissions],
                "requests": [RequestOut.of(r) for r in zone.requests],
                "inspections": [InspectionOut.of(i) for i in zone.inspections],
                "progress_reports": [ProgressReportOut.of(p) for p in zone.progress_reports],
            }
        )


class SubmissionIn(BaseModel):
    text: str = Field(description="The document's text (plan, summary, report…).")
    indicators: dict[str, float] = Field(
        default_factory=dict, description="Indicator values by the programme's keys, e.g. facility_coverage."
    )


class ReviewIn(BaseModel):
    outcome: str = Field(description="accepted, or returned (with an opinion).")
    reviewer: str = Field(description="Who reviews, e.g. 山东省民政厅 赵强.")
    opinion: str = Field("", description="The opinion; required when returning.")


class RequestIn(BaseModel):
    kind: str = Field(description="content_change, schedule_adjustment, termination or extension.")
    summary: str = Field(description="Reasons and what changes.")
    requested_end: date | None = Field(None, description="For an extension: the new last day asked for.")


class SubmissionOut(BaseModel):
    id: str
    obligation_id: str
    text: str
    indicators: dict[str, float]
    submitted_at: datetime
    outcome: str | None
    reviewer: str | None
    opinion: str | None
    reviewed_at: datetime | None

    @classmethod
    def of(cls, sub: Submission) -> SubmissionOut:
        return cls.model_validate(sub, from_attributes=True)


class RequestOut(BaseModel):
    id: str
    kind: str
    summary: str
    filed_by: str
    filed_at: datetime
    requested_end: date | None
    outcome: str | None
    opinion: str | None
    decided_at: datetime | None
    inspection_id: str | None = Field(None, description="A revocation proposal: the inspection it rests on.")

    @classmethod
    def of(cls, req: ZoneRequest) -> RequestOut:
        return cls.model_validate(req, from_attributes=True)
