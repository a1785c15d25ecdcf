"""The dashboards' figures from monitoring's and review's answers, and the Apache ECharts options
that draw them. Each chart's figures are also shown as a table: a page without JavaScript loses only
the drawing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from services.workbench.domain.i18n import Lang, pick
from shared import jurisdictions


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    option: dict[str, Any]


def indicators(dashboard: dict[str, Any], lang: Lang, title: str, heads: tuple[str, str, str]) -> Chart:
    """Each indicator's latest yearly mean against the programme's target."""
    rows = []
    for ind in dashboard.get("indicators", []):
        latest = ind["series"][-1]["value"] if ind.get("series") else None
        rows.append((f"{pick(ind, lang)}（{ind.get('unit', '')}）", latest, ind.get("target")))
    option = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [heads[1], heads[2]]},
        "grid": {"containLabel": True, "left": 8, "right": 8},
        "xAxis": {
            "type": "category",
            "data": [r[0] for r in rows],
            "axisLabel": {"interval": 0, "rotate": 30},
        },
        "yAxis": {"type": "value"},
        "series": [
            {"name": heads[1], "type": "bar", "data": [r[1] for r in rows]},
            {"name": heads[2], "type": "line", "data": [r[2] for r in rows]},
        ],
    }
    return Chart("chart-indicators", title, heads, tuple(rows), option)


def prefecture_of(code: str) -> str:
    """The prefecture a code lies in (itself at or above prefecture level)."""
    try:
        found = jurisdictions.ancestor_at(code, jurisdictions.Level.PREFECTURE)
    except (KeyError, ValueError):
        found = None
    return found or code


def overdue_per_prefecture(
    dashboard: dict[str, Any], zones: list[dict[str, Any]], title: str, heads: tuple[str, str]
) -> Chart:
    code_of = {z["id"]: z["applicant_code"] for z in zones}
    counts = Counter(prefecture_of(code_of.get(o["zone_id"], "000000")) for o in dashboard.get("overdue", []))
    rows = tuple((_name(code), n) for code, n in sorted(counts.items()))
    option = {
        "tooltip": {},
        "grid": {"containLabel": True, "left": 8, "right": 8},
        "xAxis": {"type": "category", "data": [r[0] for r in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": heads[1], "type": "bar", "data": [r[1] for r in rows]}],
    }
    return Chart("chart-overdue", title, heads, rows, option)


def designations_per_year(zones: list[dict[str, Any]], title: str, heads: tuple[str, str]) -> Chart:
    counts = Counter(str(z.get("designated_at", ""))[:4] for z in zones if z.get("designated_at"))
    rows = tuple(sorted(counts.items()))
    option = {
        "tooltip": {},
        "grid": {"containLabel": True, "left": 8, "right": 8},
        "xAxis": {"type": "category", "data": [r[0] for r in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": heads[1], "type": "line", "data": [r[1] for r in rows]}],
    }
    return Chart("chart-designations", title, heads, rows, option)


def _name(code: str) -> str:
    try:
        return jurisdictions.name(code)
    except (KeyError, ValueError):
        return code


def months(obligations: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Obligations grouped by the month they fall due (YYYY-MM), in order: the zone's calendar."""
    by: dict[str, list[dict[str, Any]]] = {}
    for o in sorted(obligations, key=lambda o: str(o.get("due_on"))):
        by.setdefault(str(o.get("due_on"))[:7], []).append(o)
    return list(by.items())
