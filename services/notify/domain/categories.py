"""Categories of notifications, by event type: what a subscriber can mute, and what is critical.

Critical notifications (decisions on stages, requests and filings and the changes of state they make;
designations and registrations; revocations; overdue items and warnings) cannot be muted and are never
held back for a digest. Reminders before a due date are not critical.
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

# First match wins: an overdue task is overdue before it is a task. A task close to its deadline counts
# as overdue too: issue 4 has the reviewer and the level above told before the due date and after it.
_BY_WORD: tuple[tuple[str, Category], ...] = (
    ("overdue", Category.OVERDUE),
    ("warned", Category.OVERDUE),  # 督促: a warning about an overdue item
    ("revoked", Category.REVOCATION),
    ("revocation", Category.REVOCATION),
    ("decided", Category.DECISION),
    ("reviewed", Category.DECISION),  # a filing accepted, or returned with an opinion
    ("state_changed", Category.DECISION),  # extended, terminated, accepted, titled, failed, revoked …
    ("designated", Category.DESIGNATION),
    ("unit.registered", Category.DESIGNATION),  # a demonstration unit's registration is its designation
    ("submitted", Category.SUBMISSION),
    ("application.withdrawn", Category.SUBMISSION),  # told to whoever was told of the submission
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
