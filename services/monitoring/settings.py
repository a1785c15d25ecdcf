"""Monitoring's own settings (env vars, prefix `ZONES_`): reminders and revocation thresholds."""

from __future__ import annotations

from pydantic import Field

from shared.settings import Settings


class MonitoringSettings(Settings):
    reminder_days: list[int] = Field(
        [30, 7, 0], description="Days before each due date a reminder goes out (0 = on the day), JSON list."
    )
    revoke_after_warnings: int = Field(
        2,
        ge=1,
        description="Overdue warnings after which revocation is recommended, unless the programme says.",
    )
    long_overdue_days: int = Field(
        90, ge=1, description="Days overdue after which revocation is recommended whatever the warnings."
    )
    dynamics_poll_s: float = Field(5.0, gt=0, description="How often the scheduler looks for due reminders.")
    unit_horizon_years: int = Field(
        3, ge=1, description="Years ahead a demonstration unit's reports are planned."
    )
