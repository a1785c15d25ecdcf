"""Review's own settings, beyond the shared ones."""

from __future__ import annotations

from pydantic import Field

from shared.settings import Settings


class ReviewSettings(Settings):
    review_due_soon_days: int = Field(
        3,
        ge=0,
        description="Days before a review task's due date when the reviewer and the level above are told.",
    )
    review_alert_poll_s: float = Field(
        30.0,
        gt=0,
        description="How often review looks for tasks due soon or overdue (by the injected clock).",
    )
    review_request_due_days: int = Field(
        30, gt=0, description="Days the designating authority has to decide a request about a zone."
    )
