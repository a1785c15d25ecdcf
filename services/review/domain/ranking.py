"""Ranking for joint review: the combined score of each application's scored stages, best first."""

from __future__ import annotations

import statistics

from services.review.domain.task import ReviewTask


def combined(scores: dict[str, float]) -> float | None:
    """The mean of the panel aggregates an application earned at earlier stages; None when unscored."""
    return round(statistics.fmean(scores.values()), 2) if scores else None


def rank(
    tasks: list[ReviewTask], scores: dict[str, dict[str, float]]
) -> list[tuple[int, float | None, ReviewTask]]:
    """(rank, combined score, task), best first; unscored last; equal scores share a rank."""
    scored = [(combined(scores.get(t.application_id, {})), t) for t in tasks]
    scored.sort(key=lambda st: (st[0] is None, -(st[0] or 0.0), st[1].opened_at, st[1].id))
    out: list[tuple[int, float | None, ReviewTask]] = []
    for i, (score, task) in enumerate(scored, 1):
        shared = out and out[-1][1] == score and score is not None
        out.append((out[-1][0] if shared else i, score, task))
    return out
