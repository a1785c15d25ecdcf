"""Faults during a batch of applications; afterwards the state equals the fault-free outcome.

Every application designated exactly once (one zone, one task per stage), no notification sent
twice, every forged event in quarantine. Figures: docs/RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
from collections import Counter
from dataclasses import replace
from typing import Any

import httpx
import pytest

from console.local.demo import JINAN_COUNTIES, Topology
from console.local.mailcatcher import read_index
from console.local.stack import Instance, LocalStack
from shared.events.topics import APPLICATIONS, DEAD_LETTER, ZONES
from shared.security.signing import Signer
from tests.e2e.test_trust import forged
from tests.faults.driver import advance_all, call, submit_batch
from tests.support.kafka_tools import header, produce, read_all

pytestmark = pytest.mark.faults
BATCH = JINAN_COUNTIES[:4]
REPORT: dict[str, Any] = {}


async def consistent(stack: LocalStack, client: httpx.AsyncClient, ids: list[str]) -> None:
    topo = Topology.of(stack.topology)
    for app_id in ids:
        app = (await call(client, "GET", f"{topo.intake.url}/applications/{app_id}")).json()
        assert app["status"] == "designated", app_id
        zones = (
            await call(client, "GET", f"{topo.monitoring.url}/zones", params={"application_id": app_id})
        ).json()
        assert len(zones) == 1, (app_id, zones)
        for review in (topo.prefecture, topo.province):
            tasks = (
                await call(client, "GET", f"{review.url}/tasks", params={"page_size": 200, "limit": 200})
            ).json()
            tasks = tasks if isinstance(tasks, list) else tasks.get("items", [])
            stages = Counter(t["stage"] for t in tasks if t["application_id"] == app_id)
            assert set(stages.values()) == {1}, (review.name, app_id, stages)
    ids_seen = Counter(m["message_id"] for m in read_index(stack.mail_dir))
    resent = {k: v for k, v in ids_seen.items() if v > 1}
    REPORT["emails"] = sum(ids_seen.values())
    REPORT["resent_same_message_id"] = REPORT.get("resent_same_message_id", 0) + len(resent)
    assert not resent, resent


@pytest.fixture
async def client() -> Any:
    async with httpx.AsyncClient(timeout=5.0) as c:
        yield c


async def _restart(stack: LocalStack, key: str) -> None:
    inst = next(i for i in stack.topology if i.name == key)
    stack.kill(key, signal.SIGKILL)
    stack.start(inst)
    await asyncio.to_thread(stack.wait_healthy, inst, 180.0)


async def _killed_inside_its_batch(stack: LocalStack, inst: Instance, ids: list[str]) -> None:
    """`inst` comes back to a backlog (these submissions) that its consumer fetches as one batch, and
    is SIGKILLed there: (a) before the batch's commit, then (b) after it, before the offset commit;
    then it runs normally."""
    deadline = asyncio.get_running_loop().time() + 30
    while not set(ids) <= {
        r.key.decode()
        for r in await read_all(stack.bootstrap, APPLICATIONS)
        if header(r, "ce_type") == "zones.application.submitted.v1"
    }:  # all on the topic before it starts, so its first fetch holds them all
        assert asyncio.get_running_loop().time() < deadline, "the submissions never reached the topic"
        await asyncio.sleep(0.2)
    for point in ("consumer.batch_before_commit", "consumer.batch_after_commit"):
        stack.start(inst, extra={"ZONES_FAULT_POINTS": point})
        returncode = await asyncio.to_thread(stack.processes[inst.name].wait, 120)
        assert returncode == -signal.SIGKILL, (point, returncode)  # it died at the point, mid-batch
    stack.start(inst)
    await asyncio.to_thread(stack.wait_healthy, inst, 180.0)
    REPORT["killed_inside_a_batch"] = 2


async def test_each_service_killed_mid_batch(fault_stack: LocalStack, client: httpx.AsyncClient) -> None:
    """Nothing lost, nothing applied twice: the prefecture's review dies inside its consumer's batch
    transaction (before and after its commit), every other service at a random moment of the path."""
    topo = Topology.of(fault_stack.topology)
    prefecture = topo.prefecture
    fault_stack.kill(prefecture.name, signal.SIGKILL)
    ids = await submit_batch(client, topo, BATCH)
    await _killed_inside_its_batch(fault_stack, prefecture, ids)

    async def kills() -> None:
        for inst in fault_stack.topology:
            if inst.name == prefecture.name:
                continue  # killed twice above
            await asyncio.sleep(random.uniform(0.2, 1.5))
            await _restart(fault_stack, inst.name)

    await asyncio.gather(kills(), advance_all(client, topo, ids, wait_s=400))
    await consistent(fault_stack, client, ids)
    REPORT["kills"] = len(fault_stack.topology)  # four at random, the prefecture's before its batch


async def test_broker_stopped_for_30_seconds(fault_stack: LocalStack, client: httpx.AsyncClient) -> None:
    topo = Topology.of(fault_stack.topology)
    ids = await submit_batch(client, topo, BATCH)
    assert fault_stack.broker is not None

    async def pause() -> None:
        await asyncio.sleep(1.0)
        fault_stack.broker.pause()  # type: ignore[union-attr]
        await asyncio.sleep(30)
        fault_stack.broker.resume()  # type: ignore[union-attr]

    await asyncio.gather(pause(), advance_all(client, topo, ids, wait_s=300))
    await consistent(fault_stack, client, ids)


async def test_postgres_restarted_mid_flow(fault_stack: LocalStack, client: httpx.AsyncClient) -> None:
    topo = Topology.of(fault_stack.topology)
    ids = await submit_batch(client, topo, BATCH)
    pg = fault_stack.postgres
    assert pg is not None

    async def restart() -> None:
        await asyncio.sleep(1.0)
        await asyncio.to_thread(pg.stop)
        await asyncio.sleep(3)
        await asyncio.to_thread(pg.start)

    await asyncio.gather(restart(), advance_all(client, topo, ids, wait_s=300))
    await consistent(fault_stack, client, ids)


async def test_every_event_three_times_and_out_of_order(
    fault_stack: LocalStack, client: httpx.AsyncClient
) -> None:
    topo = Topology.of(fault_stack.topology)
    ids = await submit_batch(client, topo, BATCH)
    await advance_all(client, topo, ids)
    records = [(t, r) for t in (APPLICATIONS, ZONES) for r in await read_all(fault_stack.bootstrap, t)]
    copies = records * 2
    random.shuffle(copies)
    for topic, r in copies:
        await produce(fault_stack.bootstrap, topic, r.value, list(r.headers), r.key)
    REPORT["redelivered"] = len(copies)
    await asyncio.sleep(8)
    await consistent(fault_stack, client, ids)


async def test_forged_and_malformed_events_sit_in_quarantine(
    fault_stack: LocalStack, client: httpx.AsyncClient
) -> None:
    county = Signer.generate("review-370103-local")  # not in the bundle
    good = forged("/jurisdictions/370000/review")
    forgeries = [
        good,
        county.sign(forged("/jurisdictions/370103/review")),
        replace(good, data={**good.data, "x": 1}),
    ]
    for env in forgeries:
        await produce(
            fault_stack.bootstrap,
            ZONES,
            env.value(),
            [(k, v.encode()) for k, v in env.headers().items()],
            env.subject.encode(),
        )
    await produce(fault_stack.bootstrap, ZONES, b"\x00garbage", [("ce_id", b"m1")], b"malformed-1")
    topo = Topology.of(fault_stack.topology)
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        dead = await read_all(fault_stack.bootstrap, DEAD_LETTER)
        by_monitoring = {
            r.key.decode(): header(r, "x-dlq-reason") or ""
            for r in dead
            if header(r, "x-dlq-consumer") == "monitoring-000000"
        }
        if all(f.subject in by_monitoring for f in forgeries) and "malformed-1" in by_monitoring:
            break
        assert asyncio.get_running_loop().time() < deadline, by_monitoring
        await asyncio.sleep(0.5)
    assert all(by_monitoring[f.subject].startswith("untrusted") for f in forgeries)
    for f in forgeries:
        assert (await call(client, "GET", f"{topo.monitoring.url}/zones/{f.subject}")).status_code == 404
    REPORT["forged_quarantined"] = len(forgeries)
    REPORT["malformed_quarantined"] = 1
    print("\nRELIABILITY " + json.dumps(REPORT))
