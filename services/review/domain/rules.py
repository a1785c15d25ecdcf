"""The rules for a decision on a stage; every broken rule becomes one Reason."""

from __future__ import annotations

from datetime import date

from services.review.domain.commands import DecideTask
from shared.errors import Reason
from shared.programmes.model import ENDS_WELL, Effect, Stage

SUPPORT_MEASURES = ("policy", "funding", "projects")
MEASURE_NAMES = {
    "policy": ("政策", "policy"),
    "funding": ("经费", "funding"),
    "projects": ("项目", "project"),
}
PASSING = (Effect.ADVANCE, *ENDS_WELL)


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
    outcome = stage.outcome(cmd.outcome)
    reasons = [] if outcome is not None else [_outcome_reason(stage)]
    reasons += check_person(cmd)
    reasons += check_parts(stage, cmd, outcome is not None and outcome.effect in PASSING)
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
    return "支持措施：" + "；".join(
        f"{MEASURE_NAMES[k][0]}：{measures[k]}" for k in SUPPORT_MEASURES if measures.get(k)
    )


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


def check_parts(stage: Stage, cmd: DecideTask, passing: bool) -> list[Reason]:
    """A passing decision of a stage that names opinion parts (or requires support measures) states
    each of them (003:35: the prefecture's review opinion in three parts and its support measures)."""
    given = cmd.opinion_parts or {}
    out = [
        Reason(
            "opinion_part_unknown",
            f"“{stage.name_zh}”的审核意见没有“{key}”这一部分",
            f"{stage.name_en} has no opinion part {key!r}",
            f"opinion_parts.{key}",
        )
        for key in sorted(set(given) - {p.key for p in stage.opinion_parts})
    ]
    if not passing:
        return out
    out += [
        Reason(
            "opinion_part_missing",
            f"审核意见须写明“{part.name_zh}”",
            f"the opinion must state: {part.name_en}",
            f"opinion_parts.{part.key}",
        )
        for part in stage.opinion_parts
        if not given.get(part.key, "").strip()
    ]
    measures = cmd.support_measures or {}
    if stage.support_measures_required:
        out += [
            Reason(
                "support_measure_missing",
                f"须写明本级{MEASURE_NAMES[k][0]}支持措施",
                f"the {MEASURE_NAMES[k][1]} support measures must be stated",
                f"support_measures.{k}",
            )
            for k in SUPPORT_MEASURES
            if not measures.get(k, "").strip()
        ]
    return out


def parts_text(stage: Stage, parts: dict[str, str] | None) -> str:
    """The opinion's parts as they travel with the opinion to the level above, in the stage's order."""
    if not parts:
        return ""
    return "\n".join(f"{p.name_zh}：{parts[p.key].strip()}" for p in stage.opinion_parts if parts.get(p.key))
