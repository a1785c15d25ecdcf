"""Facts of what a zone owes as it comes due, goes overdue, is filed, reviewed and warned about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from services.notify.domain.facts import Facts, iso
from services.notify.domain.names import FILING_OUTCOMES, kind_name_en
from shared import jurisdictions as j
from shared.events.registry import Event
from shared.events.schemas import (
    ObligationDueSoon,
    ObligationOverdue,
    ObligationReviewed,
    ObligationScheduled,
    ObligationSubmitted,
    ZoneWarned,
)
from shared.programmes.model import Indicator, Programme

Owed = ObligationDueSoon | ObligationOverdue | ObligationSubmitted | ObligationReviewed | ZoneWarned


def _scheduled(e: ObligationScheduled | Owed, p: Programme | None) -> Facts:
    """`title` stays the experiment's (from the application): the event's title is what is owed."""
    return {
        "zone_id": e.zone_id,
        "obligation": e.title,
        "kind": e.kind,
        "kind_name_en": kind_name_en(p, e.kind),
        "due_on": iso(e.due_on),
    }


def _owed(e: Owed, p: Programme | None) -> Facts:
    return {**_scheduled(e, p), "authority_name": j.name(e.authority)}


def _due_soon(e: ObligationDueSoon, p: Programme | None) -> Facts:
    return {**_owed(e, p), "days_left": e.days_left, "by_authority": e.actor == "owner"}


def _overdue(e: ObligationOverdue, p: Programme | None) -> Facts:
    after = p.monitoring.overdue_warning_days if p and p.monitoring else None
    warn_on = e.due_on + timedelta(days=max(after, 1)) if after is not None else None
    return {**_owed(e, p), "overdue_since": iso(e.overdue_since), "warn_on": iso(warn_on)}


def _indicator(known: dict[str, Indicator], key: str, value: float) -> Facts:
    i = known.get(key)
    name, name_en, unit = (i.name_zh, i.name_en, i.unit) if i else (key, key, "")
    return {"name": name, "name_en": name_en, "value": f"{value:g}", "unit": unit}


def _submitted(e: ObligationSubmitted, p: Programme | None) -> Facts:
    known = {i.key: i for i in (p.monitoring.indicators if p and p.monitoring else ())}
    indicators = [_indicator(known, k, v) for k, v in e.indicators.items()]
    return {**_owed(e, p), "submitted_at": iso(e.submitted_at), "indicators": indicators}


def _reviewed(e: ObligationReviewed, p: Programme | None) -> Facts:
    zh, en = FILING_OUTCOMES.get(e.outcome, (e.outcome, e.outcome))
    return {
        **_owed(e, p),
        "outcome": e.outcome,
        "outcome_name": zh,
        "outcome_name_en": en,
        "opinion": e.opinion,
        "reviewed_at": iso(e.reviewed_at),
    }


def _warned(e: ZoneWarned, p: Programme | None) -> Facts:
    return {
        **_owed(e, p),
        "warning_no": e.warning_no,
        "level_above_name": j.name(e.level_above),
        "warned_at": iso(e.warned_at),
        "revoke_after": p.monitoring.revoke_after_warnings if p and p.monitoring else None,
    }


FACTS: dict[type[Event], Callable[[Any, Programme | None], Facts]] = {
    ObligationScheduled: _scheduled,
    ObligationDueSoon: _due_soon,
    ObligationOverdue: _overdue,
    ObligationSubmitted: _submitted,
    ObligationReviewed: _reviewed,
    ZoneWarned: _warned,
}
