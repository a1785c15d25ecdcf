"""The walking skeleton's path, across every service as its own process, over the real broker."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
import pytest

from console.local.demo import Topology, drive_path, poll, shandong_application, submit, timeline
from console.local.mailcatcher import read_index
from console.local.stack import LocalStack

pytestmark = pytest.mark.e2e


async def test_jinan_shizhong_from_submission_to_designation(
    stack: LocalStack, topo: Topology, client: httpx.AsyncClient
) -> None:
    resp = await submit(client, topo.intake, shandong_application("370103"))
    assert resp.status_code == 201, resp.text
    app = resp.json()

    result = await drive_path(client, topo, app["id"])

    zone = result.zone
    assert zone["applicant_code"] == "370103"
    assert zone["designated_by"] == "370000"
    assert zone["document_no"].startswith("鲁民函〔2027〕")
    assert zone["obligations"][0]["kind"] == "annual_plan"  # first of the whole period's schedule
    assert zone["obligations"][0]["due_on"] == "2027-07-01"
    assert result.application["status"] == "designated"

    mailbox = "sqzl-370103@example.gov.cn"

    async def mails() -> list[dict[str, object]] | None:
        got = [m for m in read_index(stack.mail_dir) if mailbox in m["to"]]
        return got if len(got) >= 7 else None

    # receipt, four decisions, designation, first obligation
    received = await poll(mails, "the applicant's seven emails", wait_s=30)
    subjects = " ".join(str(m["subject"]) for m in received)
    assert "SZ-2027-370103-01" in subjects or "智慧社区" in subjects

    inbox = (await client.get(f"{topo.notify.url}/inbox/applicant:370103")).json()
    assert inbox["unread"] >= 7

    rows = await timeline(client, topo, app["id"], zone, "applicant:370103")
    services = {r[1] for r in rows}
    assert {"intake", "review-370100", "review-370000", "monitoring", "notify"} <= services

    # 003:47–49 "…原则上从全省城乡社区治理实验区中择优推荐": nothing is recommended until the province
    # chooses to; then intake holds the pre-filled national application.
    async def recommendations() -> list[dict[str, object]]:
        return list((await client.get(f"{topo.intake.url}/recommendations")).json())

    assert await recommendations() == []
    choice = {"into": "national-zones", "opinion": "实验成效显著，择优推荐申报全国实验区。"}
    chosen = await client.post(f"{topo.province.url}/zones/{zone['id']}/recommendations", json=choice)
    assert chosen.status_code == 201, chosen.text
    [rec] = await poll(lambda: _some(recommendations), "the recommendation at intake", wait_s=30)
    assert (rec["zone_id"], rec["into_programme"], rec["recommended_by"]) == (
        zone["id"],
        "national-zones",
        "370000",
    )


async def _some(get: Callable[[], Awaitable[list[dict[str, object]]]]) -> list[dict[str, object]] | None:
    return (await get()) or None


async def test_refused_submission_lists_every_reason_and_stores_nothing(
    topo: Topology, client: httpx.AsyncClient
) -> None:
    before = (await client.get(f"{topo.intake.url}/applications")).json()
    body = shandong_application(
        "370104",
        theme="不在清单上的主题",
        period_months=36,
        guidance_expert=None,
        plan={"background": "太短"},
    )
    resp = await submit(client, topo.intake, body)
    assert resp.status_code == 422
    codes = sorted(r["code"] for r in resp.json()["reasons"])
    assert codes == sorted(
        ["missing_section"] * 3
        + ["plan_too_short", "theme_not_listed", "guidance_expert_missing", "period_too_long"]
    )
    assert all(r["message_zh"] and r["message_en"] for r in resp.json()["reasons"])
    await asyncio.sleep(0.5)
    assert (await client.get(f"{topo.intake.url}/applications")).json() == before
