"""The experiment period asked for, against the programme's limit or fixed length."""

from __future__ import annotations

from services.intake.domain.draft import Draft
from shared.errors import Reason
from shared.programmes.model import Programme


def period(draft: Draft, programme: Programme) -> list[Reason]:
    if not programme.period_required:
        return []
    months, limit, fixed = draft.period_months, programme.max_period_months, programme.fixed_period_months
    if months <= 0:
        return [
            Reason(
                "period_invalid", "实验周期应为正数", "experiment period must be positive", "period_months"
            )
        ]
    if limit and months > limit:
        return [
            Reason(
                "period_too_long",
                f"实验周期不超过{limit}个月",
                f"experiment period may not exceed {limit} months",
                "period_months",
            )
        ]
    if fixed and months != fixed:
        return [
            Reason(
                "period_not_fixed",
                f"实验周期为{fixed}个月",
                f"the experiment period is {fixed} months",
                "period_months",
            )
        ]
    return []
