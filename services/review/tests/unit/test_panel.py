"""Experts' scores and their aggregation by the definition's rule (Shandong evaluation, top-10 review)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.review.domain.panel import ExpertOpinion, aggregate, check_panel, check_scores, weighted_total
from shared.programmes.loader import default_catalogue
from shared.programmes.model import Aggregation

CATALOGUE = default_catalogue()
EVALUATION = CATALOGUE.get("shandong-zones", 1).stage("evaluation")  # type: ignore[union-attr]
AT = datetime(2027, 6, 1, tzinfo=UTC)
FULL: dict[str, float] = {
    "foundation": 80,
    "theme": 70,
    "plan": 60,
    "safeguards": 90,
    "prefecture_support": 50,
}


def seat(total: float | None) -> ExpertOpinion:
    return ExpertOpinion("专家", AT, "意见", {}, total, AT if total is not None else None)


def test_a_weighted_total_is_out_of_a_hundred() -> None:
    assert EVALUATION is not None
    assert weighted_total(EVALUATION, FULL) == 70.0


def test_scores_must_cover_every_criterion_within_range() -> None:
    assert EVALUATION is not None
    reasons = check_scores(EVALUATION, {"foundation": 120, "theme": 70, "plan": 60, "safeguards": 90, "x": 1})
    codes = sorted(r.code for r in reasons)
    assert codes == ["score_missing", "score_out_of_range", "unknown_criterion"]
    assert all(r.message_zh and r.message_en for r in reasons)


def test_aggregation_methods() -> None:
    totals = [50.0, 70.0, 80.0, 90.0, 100.0]
    assert aggregate(Aggregation(method="mean"), totals) == 78.0
    assert aggregate(Aggregation(method="median"), totals) == 80.0
    assert aggregate(Aggregation(method="trimmed_mean"), totals) == 80.0
    assert aggregate(Aggregation(method="sum"), totals) == 390.0
    assert aggregate(Aggregation(method="mean"), []) is None


def test_a_panel_needs_its_scorers_and_a_pass_needs_the_threshold() -> None:
    assert EVALUATION is not None
    assert check_panel(EVALUATION, [], passing=True) == []  # no experts here: the owner records it
    two = [seat(90), seat(90), seat(None)]
    assert [r.code for r in check_panel(EVALUATION, two, passing=True)] == ["opinions_missing"]
    low = [seat(50), seat(55), seat(60)]
    assert [r.code for r in check_panel(EVALUATION, low, passing=True)] == ["below_threshold"]
    assert check_panel(EVALUATION, low, passing=False) == []
