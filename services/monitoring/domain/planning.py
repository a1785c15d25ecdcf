"""The schedule for a whole period, read from the programme's `[monitoring]` table (nothing hard-coded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.monitoring.domain.titles import obligation_title, scheduled_title
from shared.programmes.model import Cadence, Programme


@dataclass(frozen=True)
class Planned:
    kind: str
    title: str
    due_on: date
    actor: str  # "zone" or "owner"
    cadence: str


def resolved(cadence: Cadence, chosen: str | None) -> Cadence:
    """A per-unit cadence is the one the unit chose (half-yearly when it chose nothing known)."""
    if cadence is not Cadence.PER_UNIT:
        return cadence
    return Cadence(chosen) if chosen in (Cadence.QUARTERLY, Cadence.HALF_YEARLY) else Cadence.HALF_YEARLY


def plan(
    programme: Programme, designated_at: datetime, start: date, end: date, chosen: str | None = None
) -> list[Planned]:
    """Everything owed from `start` to `end`, earliest first: the first obligations the programme lists
    (`[[obligations]]`, days after designation) and every date of its monitoring schedule."""
    out: dict[tuple[str, date], Planned] = {}
    for first in programme.obligations:
        due = programme.due(designated_at, first.first_due_days)
        out[(first.kind, due)] = Planned(
            first.kind, obligation_title(first.name_zh, due), due, "zone", "once"
        )
    for item in programme.monitoring.schedule if programme.monitoring else ():
        cadence = resolved(item.cadence, chosen)
        for due in item.due_dates(start, end, cadence):
            covers = due - timedelta(days=item.days_after)
            title = scheduled_title(item.name_zh, cadence, covers, due)
            out.setdefault((item.key, due), Planned(item.key, title, due, item.by, cadence.value))
    return sorted(out.values(), key=lambda p: (p.due_on, p.kind))


def final_report_kinds(programme: Programme) -> set[str]:
    """The zone's period-end items: filing one opens the acceptance review (验收评审)."""
    items = programme.monitoring.schedule if programme.monitoring else ()
    return {i.key for i in items if i.cadence is Cadence.PERIOD_END and i.by == "zone"}
