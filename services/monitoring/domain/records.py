"""What is put on a zone's record outside its schedule (动态管理): the supervising levels' inspections
with their findings, and the progress reports the zone files whenever it has something to report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class Inspection:
    id: str
    kind: str  # inspection, mutual_check, spot_check, assessment (INSPECTION_KINDS)
    inspected_by: str  # the inspecting authority's code: one of the zone's supervising levels
    inspected_on: date
    findings: str
    rating: str  # good, satisfactory, needs_improvement, poor (INSPECTION_RATINGS)
    follow_up_required: bool
    follow_up: str
    follow_up_by: date | None
    inspector: str  # the person's name: it stays here, events carry a reference
    recorded_at: datetime


@dataclass
class ProgressReport:
    id: str
    title: str
    text: str
    filed_at: datetime
    inspection_id: str | None = None  # the inspection it follows up, if any
