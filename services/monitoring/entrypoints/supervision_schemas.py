"""HTTP bodies of dynamic management beyond deadlines: inspections, revocation proposals, progress reports."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.monitoring.domain.records import Inspection, ProgressReport


class InspectionIn(BaseModel):
    kind: str = Field(
        description="inspection (不定期检查), mutual_check (互查, the ministry only), spot_check (抽查) or "
        "assessment (考核评价)."
    )
    inspected_on: date = Field(description="The day of the inspection (not in the future).")
    findings: str = Field(description="What the inspection found.")
    rating: str = Field(description="good, satisfactory, needs_improvement or poor.")
    follow_up_required: bool = Field(False, description="True when the zone must follow up (整改).")
    follow_up: str = Field("", description="What the zone must do; required with a follow-up.")
    follow_up_by: date | None = Field(None, description="By when the follow-up is expected.")
    inspector: str = Field(description="Who inspected, e.g. 山东省民政厅 王敏 (kept here, never sent on).")


class InspectionOut(BaseModel):
    id: str
    kind: str
    inspected_by: str = Field(description="Code of the inspecting authority (the caller's jurisdiction).")
    inspected_on: date
    findings: str
    rating: str
    follow_up_required: bool
    follow_up: str
    follow_up_by: date | None
    inspector: str
    recorded_at: datetime

    @classmethod
    def of(cls, record: Inspection) -> InspectionOut:
        return cls.model_validate(record, from_attributes=True)


class ProposalIn(BaseModel):
    inspection_id: str = Field(description="The inspection whose findings ground the proposal.")
    summary: str = Field(description="Why revocation is proposed.")


class ProgressReportIn(BaseModel):
    title: str = Field(description="Subject line, e.g. 社区协商议事工作进展.")
    text: str = Field(description="The report's text.")
    inspection_id: str | None = Field(None, description="The inspection it follows up, if any.")


class ProgressReportOut(BaseModel):
    id: str
    title: str
    text: str
    filed_at: datetime
    inspection_id: str | None

    @classmethod
    def of(cls, report: ProgressReport) -> ProgressReportOut:
        return cls.model_validate(report, from_attributes=True)
