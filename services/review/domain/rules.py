"""The rules for a decision on a stage; every broken rule becomes one Reason."""

from __future__ import annotations

from services.review.domain.commands import DecideTask
from shared.errors import Reason
from shared.programmes.model import Stage

SUPPORT_MEASURES = ("policy", "funding", "projects")


def _outcome_reason(stage: Stage) -> Reason:
    allowed_zh = "、".join(f"{o.key}（{o.name_zh}）" for o in stage.outcomes)
    allowed_en = ", ".join(f"{o.key} ({o.name_en})" for o in stage.outcomes)
    return Reason(
        "invalid_outcome",
        f"“{stage.name_zh}”的审核结果只能是：{allowed_zh}",
        f"the outcome of {stage.name_en} must be one of: {allowed_en}",
        "outcome",
    )


def check_person(cmd: DecideTask) -> list[Reason]:
    reasons: list[Reason] = []
    if not cmd.reviewer.strip():
        reasons.append(
            Reason("reviewer_missing", "须填写审核人", "the reviewer's name is required", "reviewer")
        )
    if not cmd.opinion.strip():
        reasons.append(Reason("opinion_missing", "须填写审核意见", "an opinion is required", "opinion"))
    return reasons


def check_decision(stage: Stage, cmd: DecideTask) -> list[Reason]:
    """Every reason `cmd` is not a valid decision of `stage`; empty when it is."""
    reasons = [] if stage.outcome(cmd.outcome) is not None else [_outcome_reason(stage)]
    reasons += check_person(cmd)
    if cmd.support_measures is not None:
        if not stage.support_measures:
            reasons.append(
                Reason(
                    "support_measures_not_asked",
                    f"“{stage.name_zh}”不报送支持措施",
                    f"{stage.name_en} does not take support measures",
                    "support_measures",
                )
            )
        unknown = sorted(set(cmd.support_measures) - set(SUPPORT_MEASURES))
        if unknown:
            reasons.append(
                Reason(
                    "support_measure_unknown",
                    "支持措施只分政策、经费、项目（policy、funding、projects）",
                    f"support measures are policy, funding, projects; not {', '.join(unknown)}",
                    "support_measures",
                )
            )
    return reasons


def measures_text(measures: dict[str, str] | None) -> str:
    """Support measures as they travel with the opinion to the level above."""
    if not measures:
        return ""
    names = {"policy": "政策", "funding": "经费", "projects": "项目"}
    return "支持措施：" + "；".join(f"{names[k]}：{measures[k]}" for k in SUPPORT_MEASURES if measures.get(k))
