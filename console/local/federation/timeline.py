"""The federation demo's timeline: each deployment's own record of the application, in time order."""

from __future__ import annotations

from typing import Any

import httpx

from console.local.demo import _instant
from console.local.federation import checks
from console.local.federation.described import Federation, Running
from shared import jurisdictions as j


def _token(at: Running, service: str, role: str, code: str | None = None) -> dict[str, str]:
    subject = f"{at.name_zh} 演示"
    return {"Authorization": f"Bearer {at.token(subject, role, code or at.jurisdiction, service)}"}


async def rows_of(
    client: httpx.AsyncClient, fed: Federation, app_id: str, code: str, zones: dict[str, dict[str, Any]]
) -> list[tuple[Any, str, str, str]]:
    """(time, where, what, detail): intake's history, each review instance's case, each monitoring's
    zone, each notify's deliveries."""
    jinan = fed.at("370100")
    rows: list[tuple[Any, str, str, str]] = []
    as_county = _token(jinan, "intake", "applicant", code)
    app = (await client.get(f"{jinan.url('intake')}/applications/{app_id}", headers=as_county)).json()
    rows += [(h["at"], "jinan/intake", h["what"], f"{h['by']} {h['detail']}") for h in app["history"]]
    for at in (fed.at("370000"), fed.at("000000")):
        case = await client.get(
            f"{at.url('review')}/applications/{app_id}", headers=_token(at, "review", "admin")
        )
        history = case.json().get("history", []) if case.status_code == 200 else []
        rows += [
            (h["at"], f"{at.name}/review", h["what"], f"{h.get('by', '')} {h.get('detail', '')}".strip())
            for h in history
            if h.get("by") == at.jurisdiction  # its own decisions; the rest it only heard of
        ]
    for name, zone in zones.items():
        rows.append((zone["designated_at"], f"{name}/monitoring", "zone shown", zone["document_no"]))
    for running in fed.deployments.values():
        rows += _told_rows(running.name, await checks.told(fed, running, app_id))
    return sorted(rows, key=lambda r: _instant(r[0]))


def _told_rows(name: str, told: list[checks.Told]) -> list[tuple[Any, str, str, str]]:
    """One row per event type a notify told of: when first, whom, on which channels, how often."""
    by_type: dict[str, list[checks.Told]] = {}
    for t in told:
        by_type.setdefault(t.event_type, []).append(t)
    rows = []
    for event_type, each in by_type.items():
        whom = ", ".join(sorted({t.subscriber for t in each}))
        channels = "+".join(sorted({t.channel for t in each}))
        what = f"told ({channels})" + (f" ×{len(each)}" if len(each) > 1 else "")
        rows.append(
            (min(t.at for t in each), f"{name}/notify", what, f"{event_type.split('.', 1)[1]} → {whom}")
        )
    return rows


async def print_timeline(
    client: httpx.AsyncClient, fed: Federation, app_id: str, code: str, zones: dict[str, dict[str, Any]]
) -> None:
    print(
        f"\ntimeline of {j.name(code)}'s application across deployments "
        "(Beijing time, each one's own record):"
    )
    for at, where, what, detail in await rows_of(client, fed, app_id, code, zones):
        shown = _instant(at).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        print(f"  {shown}  {where:<19} {what:<30} {detail[:70]}")
