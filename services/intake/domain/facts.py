"""What intake knows from its own records when it checks a submission (its views built from events)."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.intake.domain.register import Register


@dataclass(frozen=True)
class Facts:
    has_open_duplicate: bool = False
    designated_in: frozenset[str] = frozenset()  # programme keys the applicant is a designated zone of
    failed_reviews: dict[str, int] = field(default_factory=dict)  # stage -> failed reviews, same theme
    failed_reviews_any_theme: dict[str, int] = field(default_factory=dict)  # stage -> all themes
    registers: dict[str, Register | None] = field(default_factory=dict)  # kind -> latest version loaded
