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
    """Zones by state, obligations due soon and overdue, indicator means per year against targets."""
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
    """Per indicator: target, comparison and one point per year (mean of the zones' latest values)."""
    due = {o.id: o.due_on for o in obligations}
    latest: dict[tuple[str, str, int], float] = {}
    for zone_id, sub in sorted(submissions, key=lambda p: p[1].submitted_at):
        if sub.outcome == "returned" or sub.obligation_id not in due:
            continue
        for key, value in sub.indicators.items():
            latest[(key, zone_id, due[sub.obligation_id].year)] = float(value)
    values: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (key, _zone, year), value in latest.items():
        values[key][year].append(value)
    specs: dict[str, Any] = {}
    for z in zones:
        programme = programme_of(default_catalogue(), z.programme, z.programme_version)
        for ind in programme.monitoring.indicators if programme.monitoring else ():
            specs.setdefault(ind.key, ind)
    out = []
    for key, ind in specs.items():
        points = [
            {"year": y, "value": round(fmean(v), 2), "zones": len(v), "met": ind.met(fmean(v))}
            for y, v in sorted(values[key].items())
        ]
        out.append(
            {
                "key": key,
                "name_zh": ind.name_zh,
                "name_en": ind.name_en,
                "unit": ind.unit,
                "target": ind.target,
                "comparison": ind.comparison,
                "series": points,
            }
        )
    return out
