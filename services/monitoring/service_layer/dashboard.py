"""Dashboards for a jurisdiction and its descendants: JSON a chart can draw without more work."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from statistics import fmean
from typing import Any
from zoneinfo import ZoneInfo

from services.monitoring.domain.model import LIVE, ObligationState
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import programme_of

SOON_DAYS = 30


async def dashboard(uow: MonitoringUnitOfWork, within: str) -> dict[str, Any]:
    """Zones by state, obligations due soon and overdue, each indicator's reported value against its target
    (and its means per year)."""
    async with uow:
        today = uow.clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date()
        found = await uow.zones.find(within=within, limit=10_000)
        zones = [z for z in found if _is_zone(z)]  # an achievement or a title kept from before: not one
        ids = [z.id for z in zones]
        obligations = await uow.zones.obligations(zone_ids=ids, limit=100_000) if ids else []
        submissions = await uow.zones.submissions(ids) if ids else []
    by_id = {z.id: z for z in zones}
    soon = today + timedelta(days=SOON_DAYS)
    open_states = (ObligationState.UPCOMING, ObligationState.DUE)

    def row(o: Any) -> dict[str, Any]:
        z = by_id[o.zone_id]
        return {
            "zone_id": o.zone_id,
            "zone": z.applicant_name,
            "obligation_id": o.id,
            "title": o.title,
            "due_on": o.due_on.isoformat(),
            "state": o.state.value,
        }

    return {
        "within": within,
        "today": today.isoformat(),
        "zones_by_state": dict(sorted(Counter(z.state.value for z in zones).items())),
        "obligations_by_state": dict(sorted(Counter(o.state.value for o in obligations).items())),
        "due_soon": [row(o) for o in obligations if o.state in open_states and today <= o.due_on <= soon],
        "overdue": [
            row(o)
            for o in obligations
            if o.state is ObligationState.OVERDUE and by_id[o.zone_id].state in LIVE
        ],
        "indicators": _indicators(zones, obligations, submissions),
    }


def _is_zone(zone: Any) -> bool:
    catalogue = default_catalogue()
    return programme_of(catalogue, zone.programme, zone.programme_version).confers_zones


def _indicators(
    zones: list[Any], obligations: list[Any], submissions: list[tuple[str, Any]]
) -> list[dict[str, Any]]:
    """Per indicator: target, comparison, where it comes from, one point per year (mean of the zones'
    latest values) and the reported value against the target: the mean of each zone's latest value."""
    due = {o.id: o.due_on for o in obligations}
    latest: dict[tuple[str, str, int], float] = {}
    for zone_id, sub in sorted(submissions, key=lambda p: p[1].submitted_at):
        if sub.outcome == "returned" or sub.obligation_id not in due:
            continue
        for key, value in sub.indicators.items():
            latest[(key, zone_id, due[sub.obligation_id].year)] = float(value)
    values: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    newest: dict[str, dict[str, tuple[int, float]]] = defaultdict(dict)  # key → zone → (year, value)
    for (key, zone, year), value in sorted(latest.items(), key=lambda kv: kv[0][2]):
        values[key][year].append(value)
        newest[key][zone] = (year, value)
    specs: dict[str, Any] = {}
    for z in zones:
        programme = programme_of(default_catalogue(), z.programme, z.programme_version)
        for ind in programme.monitoring.indicators if programme.monitoring else ():
            specs.setdefault(ind.key, ind)
    return [_indicator(ind, values[key], newest[key]) for key, ind in specs.items()]


def _indicator(
    ind: Any, by_year: dict[int, list[float]], newest: dict[str, tuple[int, float]]
) -> dict[str, Any]:
    points = [
        {"year": y, "value": round(fmean(v), 2), "zones": len(v), "met": ind.met(fmean(v))}
        for y, v in sorted(by_year.items())
    ]
    reported = [value for _year, value in newest.values()]
    return {
        "key": ind.key,
        "name_zh": ind.name_zh,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "target": ind.target,
        "comparison": ind.comparison,
        "source": ind.source,
        "reported": round(fmean(reported), 2) if reported else None,
        "met": ind.met(fmean(reported)) if reported else None,
        "zones_reporting": len(reported),
        "zones_meeting": sum(ind.met(v) for v in reported),
        "series": points,
    }
