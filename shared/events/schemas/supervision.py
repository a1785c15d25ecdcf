"""Dynamic management beyond deadlines (issue 17, point 9): what the supervising levels record about a
zone (inspections, mutual and spot checks, assessments, with findings) and what the zone reports at
any time, outside its schedule (000:49, 001:417, 001:425). A revocation proposal grounded in an
inspection travels as `ZoneRequestFiled` (kind `revocation`, `inspection_id` set)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from shared.events.schemas.monitoring import _ZoneFacts

InspectionKind = Literal["inspection", "mutual_check", "spot_check", "assessment"]
InspectionRating = Literal["good", "satisfactory", "needs_improvement", "poor"]

INSPECTION_KINDS: dict[str, tuple[str, str]] = {
    "inspection": ("不定期检查", "irregular inspection"),  # 001:425 省级民政部门不定期检查
    "mutual_check": ("互查", "mutual check"),  # 001:425 民政部组织全国示范单位之间进行互查
    "spot_check": ("抽查", "spot check"),
    "assessment": ("考核评价", "assessment"),  # 000:49 按照实验方案考核评价和检查验收
}
INSPECTION_RATINGS: dict[str, tuple[str, str]] = {
    "good": ("好", "good"),
    "satisfactory": ("合格", "satisfactory"),
    "needs_improvement": ("成效不明显，督促改进", "little effect: urged to improve"),
    "poor": ("工作不力", "poor"),
}
POOR_RATINGS = ("needs_improvement", "poor")  # 001:425 工作成效不明显…长期工作不力: grounds for a proposal


class ZoneInspected(_ZoneFacts):
    """A supervising level recorded an inspection (check, assessment) of a zone, with its findings."""

    type = "zones.zone.inspected.v1"

    inspection_id: str = Field(description="The inspection record's id (UUID).")
    inspected_by: str = Field(
        description="Jurisdiction code of the inspecting authority: one of the zone's supervising levels."
    )
    kind: InspectionKind = Field(
        description="inspection (不定期检查), mutual_check (互查), spot_check (抽查), assessment (考核评价)."
    )
    inspected_on: date = Field(description="The day of the inspection.")
    findings: str = Field(description="What the inspection found.")
    rating: InspectionRating = Field(description="good, satisfactory, needs_improvement or poor.")
    follow_up_required: bool = Field(description="True when the zone must follow up (整改).")
    follow_up: str = Field("", description="What the zone must do, when a follow-up is required.")
    follow_up_by: date | None = Field(None, description="By when the follow-up is expected, if set.")
    supervisors: list[str] = Field(description="Jurisdiction codes of the zone's supervising levels, told.")
    inspector: str = Field(
        description="Who recorded it, as a person reference (inspector:<jurisdiction>:<id prefix>), never "
        "the name: monitoring keeps it with the record."
    )
    recorded_at: datetime = Field(description="When it was recorded.")


class ZoneProgressReported(_ZoneFacts):
    """The zone reported its progress at a time of its choosing, not for a scheduled obligation."""

    type = "zones.zone.progress_reported.v1"

    report_id: str = Field(description="The report's id (UUID).")
    report_title: str = Field(description="The report's subject line, e.g. 社区协商议事工作进展.")
    inspection_id: str | None = Field(None, description="The inspection it follows up, if any.")
    supervisors: list[str] = Field(description="Jurisdiction codes of the zone's supervising levels, told.")
    reported_at: datetime = Field(description="When it was filed.")
