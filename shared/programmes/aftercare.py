"""After designation: what a zone owes, its indicators, and what success leads to."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import Field, model_validator

from shared.jurisdictions import Level
from shared.programmes.base import Named, Strict


class Obligation(Strict):
    """The first obligations monitoring schedules at designation (kept for older readers)."""

    kind: str
    name_zh: str
    name_en: str
    first_due_days: int = Field(description="Days after designation the first one is due.")


class Cadence(StrEnum):
    ANNUAL = "annual"  # on `due` (MM-DD) in each year of the period
    QUARTERLY = "quarterly"  # `days_after` the end of each quarter of the period
    HALF_YEARLY = "half_yearly"  # `days_after` the end of each half-year of the period
    PER_UNIT = "per_unit"  # quarterly or half-yearly, as each registered unit chose
    PERIOD_END = "period_end"  # `days_after` the last day of the period
    ONCE = "once"  # `days_after` designation


_MONTHS = {Cadence.QUARTERLY: (3, 6, 9, 12), Cadence.HALF_YEARLY: (6, 12)}


class ScheduleItem(Named):
    """One kind of thing owed, and when."""

    cadence: Cadence
    due: str | None = Field(None, pattern=r"^\d\d-\d\d$", description="MM-DD, annual items.")
    days_after: int = Field(0, ge=0)
    by: str = Field("zone", pattern="^(zone|owner)$", description="Who must act: the zone or the authority.")

    @model_validator(mode="after")
    def _due(self) -> ScheduleItem:
        if (self.cadence is Cadence.ANNUAL) != (self.due is not None):
            raise ValueError("`due` (MM-DD) is required for annual items and only for them")
        return self

    def due_dates(self, start: date, end: date, cadence: Cadence | None = None) -> list[date]:
        """Due dates over a period from `start` to `end` (`cadence` resolves per_unit)."""
        c = cadence if self.cadence is Cadence.PER_UNIT and cadence else self.cadence
        if c is Cadence.ANNUAL:
            assert self.due
            days = [date(y, int(self.due[:2]), int(self.due[3:])) for y in range(start.year, end.year + 1)]
            return [d for d in days if start <= d <= end]
        if c in _MONTHS:
            ends = [
                (date(y, m + 1, 1) if m < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
                for y in range(start.year, end.year + 1)
                for m in _MONTHS[c]
            ]
            return [e + timedelta(days=self.days_after) for e in ends if start <= e <= end]
        if c is Cadence.PERIOD_END:
            return [end + timedelta(days=self.days_after)]
        return [start + timedelta(days=self.days_after)]


class Indicator(Named):
    unit: str = ""
    target: float
    comparison: str = Field(">=", pattern="^(>=|<=)$")

    def met(self, value: float) -> bool:
        return value >= self.target if self.comparison == ">=" else value <= self.target


class Monitoring(Strict):
    schedule: tuple[ScheduleItem, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    overdue_warning_days: int = Field(0, ge=0, description="Warn this many days after a due date.")
    revoke_after_warnings: int | None = Field(None, ge=1, description="Recommend revocation after so many.")


class Success(Strict):
    """What follows success: a title conferred, a recommendation into another programme."""

    title_zh: str = ""
    title_en: str = ""
    recommend_into: str | None = Field(None, description="Programme key the best are recommended into.")
    note_zh: str = ""
    note_en: str = ""


class UnitType(Named):
    """A kind of registered unit and the levels that may liaise with it (first = usual)."""

    liaison_levels: tuple[Level, ...] = Field(min_length=1)


class Registration(Strict):
    """Programmes whose units are registered, not applied for (联系制度)."""

    unit_types: tuple[UnitType, ...] = Field(min_length=1)
    title_holder: str | None = Field(
        None,
        pattern=r"^\d{6}$",
        description="Who conferred the title and alone decides its withdrawal; the liaison level only "
        "proposes it (default: the programme's owner).",
    )
    reporting_cadences: tuple[Cadence, ...] = (Cadence.QUARTERLY, Cadence.HALF_YEARLY)

    def unit_type(self, key: str) -> UnitType | None:
        return next((u for u in self.unit_types if u.key == key), None)
