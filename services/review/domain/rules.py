"""The rules for a decision on a stage; every broken rule becomes one Reason."""

from __future__ import annotations

from datetime import date

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


def forward_too_late(stage: Stage, forward_by: date, today: date) -> list[Reason]:
    """A passing decision after the round's closing day is refused: the notice's date binds the
    forward to the province (003:31, 004:49); sending back or declining stays possible."""
    if today <= forward_by:
        return []
    return [
        Reason(
            "forward_deadline_passed",
            f"已过本轮报送截止日（{forward_by.isoformat()}），“{stage.name_zh}”不能再报送上级；"
            "可退回申报单位修改，修改稿计入下一轮",
            f"the round's last day for forwarding ({forward_by.isoformat()}) has passed: {stage.name_en} "
            "can no longer pass it on; it can be sent back for revision, which joins the next round",
            "outcome",
        )
    ]
