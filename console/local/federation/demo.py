"""`zones demo --federation`: a Jinan district's national-zones application across three deployments.

The district submits through Jinan's intake (a token from Jinan's issuer); Shandong's review gives the
provincial opinion (a Shandong token); the ministry's review designates (a ministry token). Then
Shandong's and the ministry's monitoring must both show the zone, and each deployment's notify must
have told its own people and no one else's. Each step that fails stops the demo with the reason.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from console.local.demo import JINAN_COUNTIES, PLAN, poll
from console.local.federation import checks
from console.local.federation.described import Federation, NotRunning, Running, read
from console.local.federation.timeline import print_timeline
from console.local.mailcatcher import read_index
from shared import jurisdictions as j

DISTRICTS = ["370102", *(c for c in JINAN_COUNTIES if c != "370102")]
WAIT_S = 120.0
SUBMITTED, OPENED = "zones.application.submitted.v1", "zones.review.task_opened.v1"
DESIGNATED = "zones.zone.designated.v1"


class StepFailed(Exception):
    """A step of the demo did not happen; the message says which and why."""


def national_application(code: str) -> dict[str, Any]:
    """A valid national-zones application of the county-level unit `code`."""
    return {
        "programme": "national-zones",
        "applicant_code": code,
        "applicant_name": j.name(code),
        "title": f"{j.name(code)}社区协商民主实验",
        "theme": "社区协商民主",
        "period_months": 36,
        "contact_email": f"sqzl-{code}@example.gov.cn",
        "documents": {"application_letter": PLAN * 6},
        "attestations": [],
        "plan": {k: PLAN * 20 for k in ("background", "theme", "content", "safeguards")},
    }


def bearer(at: Running, service: str, subject: str, role: str, code: str | None = None) -> dict[str, str]:
    """A token from `at`'s own issuer, for its `service`."""
    return {"Authorization": f"Bearer {at.token(subject, role, code or at.jurisdiction, service)}"}


async def submit(client: httpx.AsyncClient, jinan: Running) -> dict[str, Any]:
    """Submitted for the first Jinan district without an open national-zones application."""
    for code in DISTRICTS:
        as_county = bearer(jinan, "intake", f"{j.name(code)} 申报单位", "applicant", code)
        resp = await client.post(
            f"{jinan.url('intake')}/applications", json=national_application(code), headers=as_county
        )
        if resp.status_code == 201:
            return dict(resp.json())
        reasons = [r.get("code") for r in resp.json().get("reasons", [])] if resp.status_code == 422 else []
        if "duplicate_open_application" not in reasons:
            raise StepFailed(
                f"济南受理服务拒绝了申报 / Jinan's intake refused {code}: {resp.status_code} "
                f"{resp.text[:300]}"
            )
        print(f"  {code}: already has an open national-zones application; trying the next district")
    raise StepFailed(
        "每个演示区县都有未办结的申报；用 `zones run --federation --fresh` 从空数据开始 / every "
        "demo district has an open application: start from empty data with --fresh"
    )


async def decide(
    client: httpx.AsyncClient, at: Running, app_id: str, stage: str, outcome: str, reviewer: str
) -> dict[str, Any]:
    """Wait for `stage`'s task at `at`'s review instance and decide it as that deployment's reviewer."""
    url, token = at.url("review"), bearer(at, "review", reviewer, "reviewer")

    async def task() -> dict[str, Any] | None:
        tasks = (
            await client.get(f"{url}/tasks", params={"state": "open", "stage": stage}, headers=token)
        ).json()
        return next((t for t in tasks if t["application_id"] == app_id), None)

    found = await _within(task, f"{stage} task at {at.name}'s review-{at.jurisdiction}")
    body = {"outcome": outcome, "opinion": f"{found['stage_name']}：同意。"}
    resp = await client.post(f"{url}/tasks/{found['id']}/decision", json=body, headers=token)
    if resp.status_code != 200:
        raise StepFailed(f"{at.name} could not decide {stage}: {resp.status_code} {resp.text[:300]}")
    print(f"  {at.name:<9} review-{at.jurisdiction:<8} {stage:<18} → {outcome}  ({reviewer})")
    return dict(resp.json())


async def zone_at(client: httpx.AsyncClient, at: Running, app_id: str) -> dict[str, Any]:
    """The zone as `at`'s monitoring shows it to that deployment's monitor (with its obligations)."""
    url, token = at.url("monitoring"), bearer(at, "monitoring", f"{at.name_zh} 监测", "monitor")

    async def zone() -> dict[str, Any] | None:
        zones = (await client.get(f"{url}/zones", params={"application_id": app_id}, headers=token)).json()
        if not zones:
            return None
        detail = (await client.get(f"{url}/zones/{zones[0]['id']}", headers=token)).json()
        return detail if detail.get("obligations") else None

    return await _within(zone, f"the zone at {at.name}'s monitoring-{at.jurisdiction}")


async def _within(fetch: Any, what: str) -> Any:
    try:
        return await poll(fetch, what, WAIT_S, interval=0.2)
    except TimeoutError:
        raise StepFailed(f"等待超时 / timed out after {WAIT_S:g} s waiting for {what}") from None


async def drive(client: httpx.AsyncClient, fed: Federation) -> None:
    jinan, shandong, ministry = fed.at("370100"), fed.at("370000"), fed.at("000000")
    app = await submit(client, jinan)
    app_id, code = app["id"], app["applicant_code"]
    print(
        f"submitted {app['reference_no']} ({app['applicant_name']}) through jinan's intake-370100, "
        f"id={app_id}"
    )
    await decide(client, shandong, app_id, "provincial_review", "forward", "山东省民政厅 赵强")
    done = await decide(client, ministry, app_id, "ministry_review", "approve", "民政部 王司长")
    as_county = bearer(jinan, "intake", f"{j.name(code)} 申报单位", "applicant", code)

    async def designated() -> dict[str, Any] | None:
        found = (await client.get(f"{jinan.url('intake')}/applications/{app_id}", headers=as_county)).json()
        return found if found.get("status") == "designated" else None

    await _within(designated, "Jinan's intake to see the designation")
    zones = {at.name: await zone_at(client, at, app_id) for at in (shandong, ministry)}
    zone = zones["ministry"]
    print(
        f"designated {done.get('document_no') or zone['document_no']}: zone {zone['id']} "
        f"{zone['period_start']} – {zone['period_end']}, shown by shandong's and the ministry's monitoring"
    )
    await check_notify(client, fed, app_id, app["contact_email"])
    await print_timeline(client, fed, app_id, code, zones)


async def check_notify(client: httpx.AsyncClient, fed: Federation, app_id: str, address: str) -> None:
    code = address and checks.address_owner(address)
    expected = {
        "370100": {
            (f"applicant:{code}", SUBMITTED),
            (f"applicant:{code}", DESIGNATED),
            ("jurisdiction:370100", SUBMITTED),
            ("jurisdiction:370100", DESIGNATED),
        },
        "370000": {("jurisdiction:370000", OPENED)},
        "000000": {("jurisdiction:000000", OPENED)},
    }
    found = await checks.wait_told(fed, app_id, expected, WAIT_S)
    if gaps := checks.missing(found, expected):
        raise StepFailed("通知不完整 / not everyone was told: " + "; ".join(gaps))
    try:
        await poll(lambda: checks.caught_up(client, fed), "every service caught up", WAIT_S, interval=0.5)
    except TimeoutError:
        raise StepFailed("services did not catch up (consumer lag or outbox backlog) in time") from None
    found = await checks.wait_told(fed, app_id, {}, 0)
    if wrong := checks.only_own_people(fed, found, address):
        raise StepFailed("; ".join(wrong))
    mailed = [m for m in read_index(fed.at("370100").mail) if address in m["to"]]
    if not mailed:
        raise StepFailed(
            f"济南的邮件服务器没有收到发给 {address} 的邮件 / no mail to {address} in jinan's mail catcher"
        )
    print("notify: each deployment told only its own people:")
    for code_, rows in found.items():
        people = sorted({t.subscriber for t in rows})
        print(f"  {fed.at(code_).name:<9} notify-{code_}  {len(rows)} deliveries to {', '.join(people)}")


async def _demo(workdir: str) -> int:
    try:
        fed = read(workdir)
    except NotRunning as exc:
        print(exc)
        return 1
    async with httpx.AsyncClient(timeout=10.0) as client:
        try:
            await drive(client, fed)
        except (StepFailed, httpx.HTTPError) as exc:
            print(f"failed / 失败: {exc}")
            return 1
    return 0


def run_federation_demo(workdir: str = ".zones/federation") -> int:
    return asyncio.run(_demo(workdir))
