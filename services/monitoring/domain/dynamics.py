"""Dynamic management (动态管理): reminders before due dates, overdue, warnings, revocation.

`marks_due` is pure: which marks an obligation has reached on `today`. The service layer claims
each mark in the database (unique), and only a mark it claims does anything: each fires once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.monitoring.domain.model import LIVE, Obligation, ObligationState, Zone
from services.monitoring.domain.requests import file_request
from shared import jurisdictions as j
from shared.events.schemas import ObligationDueSoon, ObligationOverdue, ZoneWarned
from shared.programmes.model import Programme


@dataclass(frozen=True)
class Policy:
    reminder_days: tuple[int, ...] = (30, 7, 0)
    warn_after_days: int = 15  # the programme's overdue_warning_days
    revoke_after_warnings: int = 2  # the programme's, else the deployment's default
    long_overdue_days: int = 90  # so long overdue: recommend revocation whatever the warnings

    @classmethod
    def of(
        cls, programme: Programme, reminder_days: tuple[int, ...], warnings: int, long_days: int
    ) -> Policy:
        m = programme.monitoring
        return cls(
            tuple(sorted(set(reminder_days), reverse=True)),
            m.overdue_warning_days if m else 15,
            (m.revoke_after_warnings if m and m.revoke_after_warnings else warnings),
            long_days,
        )


def marks_due(ob: Obligation, today: date, policy: Policy) -> list[str]:
    """Marks reached: `remind:<n>` (all reached, the nearest last), `overdue`, `warn`, `long_overdue`."""
    if ob.state not in (ObligationState.UPCOMING, ObligationState.DUE, ObligationState.OVERDUE):
        return []
    marks = [
        f"remind:{n}" for n in policy.reminder_days if ob.due_on - timedelta(days=n) <= today <= ob.due_on
    ]
    if ob.actor == "zone":
        overdue_for = (today - ob.due_on).days
        if overdue_for >= 1:
            marks.append("overdue")
        if overdue_for >= max(policy.warn_after_days, 1):
            marks.append("warn")
        if overdue_for >= policy.long_overdue_days:
            marks.append("long_overdue")
    return marks


def remind(zone: Zone, ob: Obligation, today: date) -> None:
    if ob.state is ObligationState.UPCOMING:
        ob.state = ObligationState.DUE
    zone.events.append(
        ObligationDueSoon(
            **zone.obligation_facts(ob),
            days_left=(ob.due_on - today).days,
            actor="owner" if ob.actor == "owner" else "zone",
        )
    )


def overdue(zone: Zone, ob: Obligation) -> None:
    if ob.state in (ObligationState.UPCOMING, ObligationState.DUE):
        ob.state = ObligationState.OVERDUE
        zone.events.append(
            ObligationOverdue(**zone.obligation_facts(ob), overdue_since=ob.due_on + timedelta(days=1))
        )


def warn(zone: Zone, ob: Obligation, now: datetime) -> None:
    zone.warnings += 1
    zone.events.append(
        ZoneWarned(
            **zone.obligation_facts(ob),
            warning_no=zone.warnings,
            level_above=j.parent(zone.applicant_code) or zone.designated_by,
            warned_at=now,
        )
    )


def should_recommend_revocation(zone: Zone, long_overdue: bool, policy: Policy) -> bool:
    return zone.state in LIVE and (long_overdue or zone.warnings >= policy.revoke_after_warnings)


def recommend_revocation(zone: Zone, now: datetime, programme: Programme | None = None) -> None:
    """The authority's own proposal to revoke (建议撤销), decided through review like any other; for a
    registered unit, the liaison level proposes and the title holder decides (001:425, 001:385)."""
    overdue_titles = "、".join(o.title for o in zone.obligations if o.state is ObligationState.OVERDUE)
    proposal = "建议取消示范单位称号" if zone.kind == "unit" else "建议撤销"
    summary = f"{zone.applicant_name}经{zone.warnings}次督促仍未报送：{overdue_titles}。{proposal}。"
    file_request(zone, "revocation", summary, None, now, filed_by=zone.designated_by, programme=programme)
