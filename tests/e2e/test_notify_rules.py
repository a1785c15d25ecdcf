"""Notify's default rules and subscriptions on the Shandong path, every service its own process over the
real broker: reviewers hear of their tasks, the level above of its subordinate's submission and
designation, people registered with a role by email, and a subscribed system by a signed webhook."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from console.local.demo import Topology, drive_path, poll, shandong_application, submit
from console.local.mailcatcher import read_index
from console.local.stack import LocalStack
from services.notify.tests.integration.webhook_receiver import WebhookReceiver
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.e2e
APPLICANT = "370115"  # 济南市济阳区: no other end-to-end test applies for it
SECRET = "whsec_ZTJlLXNoYXJlZC1zZWNyZXQtZm9yLXRoZS1vYS0zMmI="


@pytest.fixture
def receiver(stack: LocalStack) -> Iterator[WebhookReceiver]:
    r = WebhookReceiver(SECRET, lambda: time.time() + stack.clock_offset_seconds)
    yield r
    r.stop()


async def _entries(client: httpx.AsyncClient, topo: Topology, subscriber: str, app_id: str) -> list[str]:
    inbox = (await client.get(f"{topo.notify.url}/inbox/{subscriber}", params={"limit": 500})).json()
    return sorted(e["event_type"] for e in inbox.get("entries", []) if e["application_id"] == app_id)


async def test_reviewers_the_level_above_people_and_systems_are_told(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient, receiver: WebhookReceiver
) -> None:
    run = uuid.uuid4().hex[:6]
    people = [("sheng", "370000", "reviewer"), ("shi", "370100", "supervisor")]
    for key, code, role in people:
        body = {"key": f"{key}-{run}", "name": f"{key}同志", "jurisdiction": code, "role": role,
                "email": f"{key}-{run}@mz.example.gov.cn"}  # fmt: skip
        assert (await client.post(f"{topo.notify.url}/subscribers/people", json=body)).status_code == 201
    system = {"key": f"oa-{run}", "name": "济南市办公系统", "jurisdiction": "370100",
              "webhook_url": receiver.url, "secret": SECRET}  # fmt: skip
    assert (await client.post(f"{topo.notify.url}/subscribers/systems", json=system)).status_code == 201
    wanted = {"event_type": "zones.zone.*", "scope": "370100", "filter": {"applicant.code": APPLICANT}}
    made = await client.post(f"{topo.notify.url}/subscribers/system:oa-{run}/subscriptions", json=wanted)
    assert made.status_code == 201, made.text

    resp = await submit(client, topo.intake, shandong_application(APPLICANT))
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    await drive_path(client, topo, app_id)

    programme = default_catalogue().get("shandong-zones")
    assert programme is not None
    owners = [programme.stage_owner(stage, APPLICANT) for stage in programme.route]
    tasks = "zones.review.task_opened.v1"
    expected = sorted(["zones.application.submitted.v1", "zones.zone.designated.v1"]
                      + [tasks] * owners.count("370100"))  # fmt: skip

    async def prefecture() -> list[str] | None:
        got = await _entries(client, topo, "jurisdiction:370100", app_id)
        return got if len(got) >= len(expected) else None

    # Jinan reviews its stages and, as the level above 济阳区, hears of its submission and designation
    assert await poll(prefecture, "Jinan's inbox", wait_s=30) == expected
    province = await _entries(client, topo, "jurisdiction:370000", app_id)
    assert province == [tasks] * owners.count("370000")  # the province's own stages, nothing else

    async def mails(to: str, n: int) -> list[str] | None:
        got = [str(m["subject"]) for m in read_index(stack.mail_dir) if to in str(m["to"])]
        return got if len(got) >= n else None

    sheng = await poll(lambda: mails(f"sheng-{run}@", len(province)), "the province reviewer's emails", 30)
    assert all(s.startswith("【待审事项】") for s in sheng)
    shi = await poll(lambda: mails(f"shi-{run}@", 2), "the supervisor's emails", 30)
    assert sorted(s[:6] for s in shi) == ["【申报报送】", "【认定通知】"]

    async def hooks() -> list[str] | None:
        got = [h["event"]["type"] for h in receiver.accepted]
        return got if got else None

    assert await poll(hooks, "the signed webhook", wait_s=30) == ["zones.zone.designated.v1"]
    assert receiver.refused == []
    log = (await client.get(f"{topo.notify.url}/subscribers/system:oa-{run}/deliveries")).json()
    assert [(d["channel"], d["status"], d["attempts"]) for d in log] == [("webhook", "sent", 1)]
