"""Experts on a stage: their opinions, per-criterion scores, and the aggregate the definition asks for."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from shared.errors import Reason
from shared.programmes.model import Aggregation, Stage


@dataclass
class ExpertOpinion:
    expert: str
    assigned_at: datetime
    opinion: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    total: float | None = None  # weighted score out of 100
    submitted_at: datetime | None = None

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


def check_scores(stage: Stage, scores: dict[str, float]) -> list[Reason]:
    """Every reason `scores` are not a full, in-range scoring of `stage`'s criteria."""
    reasons: list[Reason] = []
    known = {c.key for c in stage.criteria}
    for key in sorted(set(scores) - known):
        reasons.append(
            Reason(
                "unknown_criterion",
                f"本环节没有评分项“{key}”",
                f"{stage.name_en} has no criterion {key!r}",
                f"scores.{key}",
            )
        )
    for c in stage.criteria:
        value = scores.get(c.key)
        if value is None:
            reasons.append(
                Reason(
                    "score_missing",
                    f"须为“{c.name_zh}”评分",
                    f"a score for {c.name_en} is required",
                    f"scores.{c.key}",
                )
            )
        elif not 0 <= value <= c.max_score:
            reasons.append(
                Reason(
                    "score_out_of_range",
                    f"“{c.name_zh}”的评分应在 0 至 {c.max_score:g} 之间",
                    f"the score for {c.name_en} must be 0 to {c.max_score:g}",
                    f"scores.{c.key}",
                )
            )
    return reasons


def weighted_total(stage: Stage, scores: dict[str, float]) -> float | None:
    """One expert's weighted score, out of 100; None when the stage does not score."""
    if not stage.criteria:
        return None
    weight = sum(c.weight for c in stage.criteria)
    return round(sum(c.weight * scores[c.key] / c.max_score * 100 for c in stage.criteria) / weight, 2)


def aggregate(rule: Aggregation, totals: list[float]) -> float | None:
    """The panel's result by the definition's method; None without totals."""
    if not totals:
        return None
    if rule.method == "sum":
        return round(sum(totals), 2)
    if rule.method == "median":
        return round(statistics.median(totals), 2)
    if rule.method == "trimmed_mean" and len(totals) >= 3:
        totals = sorted(totals)[1:-1]  # the highest and the lowest are dropped
    return round(statistics.fmean(totals), 2)


def panel_result(stage: Stage, panel: list[ExpertOpinion]) -> float | None:
    totals = [p.total for p in panel if p.submitted and p.total is not None]
    return aggregate(stage.aggregation, totals) if stage.aggregation else None


def check_panel(stage: Stage, panel: list[ExpertOpinion], passing: bool) -> list[Reason]:
    """With experts assigned, a decision waits for enough opinions; a passing one needs the threshold."""
    if not panel:
        return []  # no experts in the system: the owner records the panel's result itself
    done = [p for p in panel if p.submitted]
    need = stage.aggregation.min_scorers if stage.aggregation else len(panel)
    if len(done) < need:
        return [
            Reason(
                "opinions_missing",
                f"专家意见不足：已有 {len(done)} 份，须 {need} 份",
                f"{len(done)} expert opinions recorded; {need} are needed",
                "panel",
            )
        ]
    result = panel_result(stage, panel)
    threshold = stage.aggregation.pass_threshold if stage.aggregation else None
    if passing and threshold is not None and result is not None and result < threshold:
        return [
            Reason(
                "below_threshold",
                f"专家综合评分 {result:g} 低于通过分数 {threshold:g}",
                f"the panel's score {result:g} is below the pass mark {threshold:g}",
                "outcome",
            )
        ]
    return []


def combined_opinion(panel: list[ExpertOpinion]) -> str:
    """The experts' opinions, one per line, as sent back with a decision."""
    return "\n".join(f"专家意见{i}：{p.opinion}" for i, p in enumerate(panel, 1) if p.submitted and p.opinion)
