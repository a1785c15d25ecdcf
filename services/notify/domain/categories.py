"""Categories of notifications, by event type: what a subscriber can mute, and what is critical.

Critical notifications (decisions, designations, revocations, overdue items) cannot be muted and are
never held back for a digest.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    SUBMISSION = "submission"
    TASK = "task"
    DECISION = "decision"
    DESIGNATION = "designation"
    OBLIGATION = "obligation"
    REVOCATION = "revocation"
    OVERDUE = "overdue"
    OTHER = "other"


CRITICAL = frozenset({Category.DECISION, Category.DESIGNATION, Category.REVOCATION, Category.OVERDUE})

# First match wins: an overdue task is overdue before it is a task.
_BY_WORD: tuple[tuple[str, Category], ...] = (
    ("overdue", Category.OVERDUE),
    ("revoked", Category.REVOCATION),
    ("revocation", Category.REVOCATION),
    ("decided", Category.DECISION),
    ("designated", Category.DESIGNATION),
    ("submitted", Category.SUBMISSION),
    ("task_opened", Category.TASK),
    ("obligation", Category.OBLIGATION),
)


def category_of(event_type: str) -> Category:
    """zones.review.stage_decided.v1 → decision; zones.obligation.overdue.v1 → overdue."""
    for word, category in _BY_WORD:
        if word in event_type:
            return category
    return Category.OTHER


def is_critical(event_type: str) -> bool:
    return category_of(event_type) in CRITICAL
