"""Which applications and stages belong to this jurisdiction, all read from the programme."""

from __future__ import annotations

from datetime import datetime

from services.review.domain.case import Case
from services.review.domain.task import ReviewTask
from shared import jurisdictions as j
from shared.programmes.model import Programme


def in_territory(applicant_code: str, me: str) -> bool:
    """True when `me` keeps a case for this applicant: it lies inside my territory."""
    return j.is_within(applicant_code, me)


def owns_stage(programme: Programme, stage_key: str, applicant_code: str, me: str) -> bool:
    """True when the programme gives `stage_key` of this applicant's application to `me`."""
    stage = programme.stage(stage_key)
    return stage is not None and programme.stage_owner(stage, applicant_code) == me


def task_if_mine(
    case: Case, programme: Programme, stage_key: str, me: str, now: datetime
) -> ReviewTask | None:
    """A new open task for `stage_key` when `me` owns it, else None."""
    stage = programme.stage(stage_key)
    if stage is None or not owns_stage(programme, stage_key, case.applicant_code, me):
        return None
    return ReviewTask.open(case, programme, stage, me, now)
