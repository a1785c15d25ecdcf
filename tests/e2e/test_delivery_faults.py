"""Redelivery, malformed records and crashes: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from console.local.demo import Topology, drive_path, open_task, shandong_application, submit
from console.local.stack import Instance, LocalStack
from shared.events.topics import APPLICATIONS, DEAD_LETTER
from tests.support.kafka_tools import header, produce, read_all

pytestmark = pytest.mark.e2e


async def _tasks_for(client: httpx.AsyncClient, url: str, application_id: str) -> list[dict[str, object]]:
    tasks = (await client.get(f"{url}/tasks")).json()
    return [t for t in tasks if t["application_id"] == application_id]


async def test_the_same_event_delivered_twice_changes_nothing(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    app = (await submit(client, topo.intake, shandong_application("370105"))).json()
    await open_task(client, topo.prefecture, app["id"], "prefecture_review")
    records = [r for r in await read_all(stack.bootstrap, APPLICATIONS) if r.key == app["id"].encode()]
    submitted = next(r for r in records if header(r, "ce_type") == "zones.application.submitted.v1")
    await produce(stack.bootstrap, APPLICATIONS, submitted.value, list(submitted.headers), submitted.key)
    await asyncio.sleep(3.0)
    assert len(await _tasks_for(client, topo.prefecture.url, app["id"])) == 1
    deliveries = (
        await client.get(f"{topo.notify.url}/deliveries", params={"subscriber_id": "applicant:370105"})
    ).json()
    receipts = [d for d in deliveries if d["event_type"] == "zones.application.submitted.v1"]
    assert len([d for d in receipts if d["channel"] == "email"]) == 1


async def test_malformed_records_go_to_dead_letter_and_the_path_still_completes(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    await produce(stack.bootstrap, APPLICATIONS, b"\xff not json", [("ce_id", b"x")], b"garbage")
    bad_data = [
        (k, v.encode())
        for k, v in {
            "ce_specversion": "1.0",
            "ce_id": "bad-data-1",
            "ce_source": "/jurisdictions/370103/intake",
            "ce_type": "zones.application.submitted.v1",
            "ce_subject": "nope",
            "ce_time": "2027-06-01T00:00:00Z",
        }.items()
    ]
    await produce(
        stack.bootstrap, APPLICATIONS, json.dumps({"application_id": 1}).encode(), bad_data, b"nope"
    )

    app = (await submit(client, topo.intake, shandong_application("370112"))).json()
    result = await drive_path(client, topo, app["id"])
    assert result.application["status"] == "designated"

    dead = await read_all(stack.bootstrap, DEAD_LETTER)
    reasons = {(header(r, "x-dlq-consumer"), r.key) for r in dead}
    assert ("review-370100", b"garbage") in reasons
    assert ("review-370100", b"nope") in reasons
    assert all((header(r, "x-dlq-reason") or "").startswith("malformed") for r in dead)


def _back_to_normal(stack: LocalStack, inst: Instance) -> None:
    """Whatever happened, leave the instance running normally for the tests after this one."""
    proc = stack.processes.pop(inst.name, None)
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait(30)
    stack.start(inst)
    stack.wait_healthy(inst)


async def test_a_service_killed_between_commit_and_publish_loses_nothing(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    intake = topo.intake
    stack.kill(intake.name, 15)
    stack.start(intake, extra={"ZONES_FAULT_POINTS": "relay.before_publish"})
    stack.wait_healthy(intake)
    try:
        try:
            resp = await submit(client, intake, shandong_application("370113"))
            assert resp.status_code == 201
        except httpx.HTTPError:
            pass  # the relay can kill the process before the answer leaves: the commit happened all the same
        proc = stack.processes[intake.name]
        await asyncio.to_thread(proc.wait, 30)
        assert proc.returncode == -9  # died after the commit, before publishing
    finally:
        _back_to_normal(stack, intake)
    [app] = (await client.get(f"{intake.url}/applications", params={"applicant_code": "370113"})).json()
    result = await drive_path(client, topo, app["id"], wait_s=90)
    assert result.application["status"] == "designated"


async def test_a_consumer_killed_after_its_commit_applies_the_event_once(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    review = topo.prefecture
    stack.kill(review.name, 15)
    stack.start(review, extra={"ZONES_FAULT_POINTS": "consumer.after_apply"})
    stack.wait_healthy(review)
    try:
        app = (await submit(client, topo.intake, shandong_application("370114"))).json()
        proc = stack.processes[review.name]
        await asyncio.to_thread(proc.wait, 90)  # it applied the event, then died before committing the offset
    finally:
        _back_to_normal(stack, review)
    result = await drive_path(client, topo, app["id"], wait_s=90)
    assert result.application["status"] == "designated"
    assert (
        len(await _tasks_for(client, review.url, app["id"])) == 2
    )  # prefecture_review + formal_recommendation
