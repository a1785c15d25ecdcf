"""Intake's rules that rest on other services' events, across processes over the real broker."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from console.local.demo import Topology, decide, open_task, poll, shandong_application, submit
from console.local.stack import LocalStack
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ZoneDesignated
from shared.events.topics import ZONES
from tests.support.kafka_tools import produce

pytestmark = pytest.mark.e2e
TEXT = "本区坚持以人民为中心，推进社区治理创新，完善社区服务体系，健全居民自治机制。"


def jilin_application(code: str) -> dict[str, Any]:
    return {
        "programme": "jilin-zones",
        "applicant_code": code,
        "applicant_name": "长春市二道区",
        "title": "社区减负增效实验",
        "theme": "推进社区减负增效",
        "period_months": 24,
        "contact_email": f"sq-{code}@example.gov.cn",
        "documents": {"application_letter": TEXT * 8},
        "attestations": ["party_government_attention", "solid_foundation", "capable_cadres"],
        "plan": {k: TEXT * 20 for k in ("background", "theme", "content", "safeguards")},
    }


async def test_a_national_zone_is_refused_by_the_jilin_programme(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    code = "220105"  # 长春市二道区: no other end-to-end test applies for it
    assert (await client.post(f"{topo.intake.url}/applications/check", json=jilin_application(code))).json()[
        "ok"
    ]
    event = ZoneDesignated(
        zone_id=str(uuid.uuid4()),
        application_id=str(uuid.uuid4()),
        programme="national-zones",
        programme_version=1,
        applicant=ApplicantRef(code=code, name="长春市二道区"),
        title="全国实验区",
        theme="社区协商",
        designated_by="000000",
        document_no="民函〔2026〕8号",
        designated_at=datetime(2026, 3, 1, tzinfo=UTC),
        period_start=date(2026, 3, 1),
        period_end=date(2029, 2, 28),
    )
    env = Envelope.wrap(event, source="/jurisdictions/000000/review", time=datetime.now(UTC))
    headers = [(k, v.encode()) for k, v in env.headers().items()]
    await produce(stack.bootstrap, ZONES, env.value(), headers, event.zone_id.encode())

    async def excluded() -> list[str] | None:
        res = (
            await client.post(f"{topo.intake.url}/applications/check", json=jilin_application(code))
        ).json()
        return [r["code"] for r in res["reasons"]] or None

    assert await poll(excluded, "intake to learn of the national designation", wait_s=30) == [
        "already_national_zone"
    ]
    refused = await submit(client, topo.intake, jilin_application(code))
    assert refused.status_code == 422
    [reason] = refused.json()["reasons"]
    assert reason["code"] == "already_national_zone" and reason["message_zh"] and reason["message_en"]
    assert (await submit(client, topo.intake, jilin_application("220106"))).status_code == 201


async def _status(client: httpx.AsyncClient, topo: Topology, app_id: str, want: str) -> dict[str, Any]:
    async def fetch() -> dict[str, Any] | None:
        app = (await client.get(f"{topo.intake.url}/applications/{app_id}")).json()
        return app if app["status"] == want else None

    return await poll(fetch, f"intake to show {want}", wait_s=60)


async def test_two_failed_preliminary_reviews_bar_the_theme(
    topo: Topology, client: httpx.AsyncClient
) -> None:
    code = "370116"  # 济南市莱芜区: no other end-to-end test applies for it
    resp = await submit(client, topo.intake, shandong_application(code))
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    task = await open_task(client, topo.prefecture, app_id, "prefecture_review")
    await decide(client, topo.prefecture, task, "pass", "同意报送。")
    for attempt in (1, 2):
        task = await open_task(client, topo.province, app_id, "preliminary_review")
        await decide(client, topo.province, task, "needs_improvement", f"第{attempt}次：待完善。")
        if attempt == 1:
            await _status(client, topo, app_id, "revision_requested")
            revised = await client.post(
                f"{topo.intake.url}/applications/{app_id}/revisions", json=shandong_application(code)
            )
            assert revised.status_code == 200 and revised.json()["revision"] == 1, revised.text
    barred = await _status(client, topo, app_id, "rejected")
    assert barred["history"][-1]["what"] == "barred"

    again = await submit(client, topo.intake, shandong_application(code))
    assert again.status_code == 422 and [r["code"] for r in again.json()["reasons"]] == ["theme_barred"]
    other = await submit(client, topo.intake, shandong_application(code, theme="建立健全居务监督委员会"))
    assert other.status_code == 201, other.text
