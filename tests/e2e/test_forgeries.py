"""Forged events by wrong parties, produced to the real broker: every receiver judges them against its own
state and the programme, dead-letters them as quarantined, and its state (read over its HTTP API) is
unchanged. The stack runs unsigned: these checks hold whatever the signatures say."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from console.local.demo import Topology, poll
from console.local.stack import LocalStack
from shared.events.envelope import Envelope
from shared.events.registry import Event
from tests.e2e.forgeries import COUNTY, Base, forgeries
from tests.support.kafka_tools import header, produce, read_all, submitted_record

pytestmark = pytest.mark.e2e


async def publish(stack: LocalStack, event: Event, source: str) -> str:
    env = Envelope.wrap(event, source=source, time=datetime.now(UTC))
    headers = [(k, v.encode()) for k, v in env.headers().items()]
    await produce(stack.bootstrap, event.topic, env.value(), headers, key=env.subject.encode())
    return env.id


REFUSALS = ("quarantined", "untrusted")  # the receiver's own-state check, or the gate's rule for the type


async def quarantines(stack: LocalStack) -> dict[str, set[str]]:
    """Event id -> the consumers that refused it: "<consumer> <layer>" (quarantined by the receiver's
    own state, or untrusted by the gate's authority rule, which runs first, signed or not)."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in await read_all(stack.bootstrap, "zones.deadletter.v1", timeout_ms=300):
        reason = header(r, "x-dlq-reason") or ""
        if reason.startswith(REFUSALS):
            layer = reason.split(":", 1)[0]
            found[header(r, "ce_id") or ""].add(f"{header(r, 'x-dlq-consumer') or ''} {layer}")
    return found


async def _base(stack: LocalStack, topo: Topology, client: httpx.AsyncClient, county: str) -> Base:
    """Genuine state to forge against: an application at Jinan's stage, a zone with pending requests."""
    app_id, value, headers = submitted_record(COUNTY)
    await produce(stack.bootstrap, "zones.applications.v1", value, headers, app_id.encode())

    async def jinan_task() -> Any:
        tasks = (
            await client.get(f"{topo.prefecture.url}/tasks", params={"applicant": COUNTY, "limit": "1000"})
        ).json()
        return [t for t in tasks if t["application_id"] == app_id]

    await poll(jinan_task, "Jinan's task for the genuine application")
    base = Base(app_id=app_id, zone_id=str(uuid.uuid4()), zone_app_id=str(uuid.uuid4()))
    await publish(stack, base.designation(), "/jurisdictions/370000/review")
    zone_url = f"{topo.monitoring.url}/zones/{base.zone_id}"
    await poll(lambda: _ok(client, zone_url), "the genuine zone in monitoring")
    as_county = {"Authorization": f"Bearer {county}"}
    for kind, end in (("extension", "2029-12-31"), ("termination", None)):
        body = {"kind": kind, "summary": "因工作调整提出申请", "requested_end": end}
        filed = await client.post(f"{zone_url}/requests", json=body, headers=as_county)
        assert filed.status_code == 201, filed.text
        base.requests[kind] = filed.json()["id"]
    return base


async def _caught_up(client: httpx.AsyncClient, url: str) -> bool:
    lines = (await client.get(f"{url}/metrics")).text.splitlines()
    lags = [float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith("zones_consumer_lag{")]
    return bool(lags) and not any(lags)


async def _ok(client: httpx.AsyncClient, url: str) -> bool:
    return (await client.get(url)).status_code == 200


async def test_forged_events_are_quarantined_and_change_no_receiver(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    from console.local.stack import issue_local

    county = issue_local(stack, "e2e 平阴县", "applicant", COUNTY)
    base = await _base(stack, topo, client, county)
    before = await _state(client, topo, base)
    tried = {name: await publish(stack, event, source) for name, (event, source) in forgeries(base).items()}

    async def all_quarantined() -> dict[str, set[str]] | None:
        found = await quarantines(stack)
        return found if all(found.get(i) for i in tried.values()) else None

    found = await poll(all_quarantined, "every forgery refused (quarantined or untrusted)", wait_s=120)
    # Notify keeps no authority state and tells of forgeries (see docs/RELIABILITY.md): let it finish
    # with them here, so that no later test's subscriber hears of them.
    await poll(lambda: _caught_up(client, topo.notify.url), "notify past the forgeries", wait_s=120)
    after = await _state(client, topo, base)
    applied = [k for k in before if before[k] != after[k]]
    table = {
        "tried": len(tried),
        "quarantined": sum(bool(found.get(i)) for i in tried.values()),
        "applied": len(applied),
        "by": {name: sorted(found[i]) for name, i in tried.items()},
    }
    (stack.workdir / "forgeries.json").write_text(json.dumps(table, ensure_ascii=False, indent=1))
    assert len(tried) == 12 and table["quarantined"] == 12  # guard: how many were tried
    assert applied == [], f"state changed: {applied}"
    assert after["zone_end"] == "2029-08-31" and after["province_tasks"] == []


async def _state(client: httpx.AsyncClient, topo: Topology, base: Base) -> dict[str, Any]:
    """What the forgeries aim at, read over each receiver's API."""

    async def get(url: str, **params: str) -> Any:
        r = await client.get(url, params=params)
        return r.json() if r.status_code == 200 else r.status_code

    zone = await get(f"{topo.monitoring.url}/zones/{base.zone_id}")
    case = await get(f"{topo.province.url}/applications/{base.app_id}")
    jinan_case = await get(f"{topo.prefecture.url}/applications/{base.app_id}")
    province_tasks = await get(f"{topo.province.url}/tasks", applicant=COUNTY, limit="1000")
    return {
        "zone_end": zone["period_end"],
        "zone_state": zone["state"],
        "zone_requests": [(r["kind"], r.get("outcome")) for r in zone["requests"]],
        "case": (case["stage"], case["status"], len(case["history"])),
        "jinan_case": (jinan_case["stage"], jinan_case["status"], len(jinan_case["history"])),
        "province_tasks": [t["id"] for t in province_tasks if t["application_id"] == base.app_id],
        "forged_application": await get(f"{topo.prefecture.url}/applications/{base.forged_app_id}"),
        "self_designated": await get(f"{topo.monitoring.url}/zones/{base.forged_zone_id}"),
        "zones_of_the_county": len(await get(f"{topo.monitoring.url}/zones", within=COUNTY)),
    }
