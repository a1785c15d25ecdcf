"""Commands review accepts (imperative)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DecideTask:
    """A reviewer records the outcome of one open task (审核决定)."""

    task_id: str
    outcome: str
    reviewer: str
    opinion: str
    document_no: str | None = None
    document_date: date | None = None
    attachments: tuple[tuple[str, str], ...] = ()  # (name, reference)
    support_measures: dict[str, str] | None = None  # policy, funding, projects
    opinion_parts: dict[str, str] | None = None  # the opinion by the parts the stage names
    new_end: date | None = None  # an approved extension's new last day
    as_jurisdiction: str | None = None  # who decides, when the caller is known (auth on)


@dataclass(frozen=True)
class RecordOpinion:
    """An assigned expert records an opinion and, where the stage scores, a score per criterion."""

    task_id: str
    expert: str
    opinion: str
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RecommendZone:
    """The designating authority recommends one of its zones into another programme (择优推荐)."""

    zone_id: str
    into: str  # a target key of the zone's programme (`success.targets`)
    reviewer: str
    opinion: str
    as_jurisdiction: str | None = None  # who recommends, when the caller is known (auth on)
