"""`zones demo`: one Shandong application from submission to designation, across every service.

The same driver runs in the end-to-end tests, so the demo and the tests walk the same path.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from console.local.demo_actors import ActorTokens, local_minter
from console.local.stack import Instance, demo_topology

BEIJING = ZoneInfo("Asia/Shanghai")
JINAN_COUNTIES = ["370103", "370102", "370104", "370105", "370112", "370113", "370114", "370115", "370116"]
PLAN = (
    "本区坚持以人民为中心的发展思想，以党建引领社区治理创新，推进智慧社区建设，提升服务居民群众的能力和水平。"
)


def shandong_application(applicant_code: str = "370103", **over: Any) -> dict[str, Any]:
    """A valid shandong-zones application body (each plan section ~1,300 characters)."""
    from shared.jurisdictions import name

    body: dict[str, Any] = {
        "programme": "shandong-zones",
        "applicant_code": applicant_code,
        "applicant_name": name(applicant_code),
        "title": f"{name(applicant_code)}智慧社区建设实验",
        "theme": "推进智慧社区建设",
        "period_months": 24,
        "contact_email": f"sqzl-{applicant_code}@example.gov.cn",
        "guidance_expert": "王振华（山东省基层政权建设和社区治理专家委员会）",
        "plan": {k: PLAN * 25 for k in ("background", "theme_goals", "measures", "safeguards")},
    }
    body.update(over)
    return body


@dataclass
class Topology:
    intake: Instance
    prefecture: Instance
    province: Instance
    monitoring: Instance
    notify: Instance

    @classmethod
    def of(cls, instances: list[Instance]) -> Topology:
        by = {(i.service, i.jurisdiction): i for i in instances}
        national = {i.service: i for i in instances if i.service != "review"}  # one each in this topology
        return cls(
            national["intake"],
            by["review", "370100"],
            by["review", "370000"],
            national["monitoring"],
            national["notify"],
        )


@dataclass
class PathResult:
    application: dict[str, Any]
    zone: dict[str, Any]
    decisions: list[tuple[str, str, str]] = field(default_factory=list)


async def poll(fetch: Any, what: str, wait_s: float = 60.0, interval: float = 0.1) -> Any:
    """Call `fetch()` until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        result = await fetch()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(interval)


async def open_task(
    client: httpx.AsyncClient, review: Instance, application_id: str, stage: str, wait_s: float = 60.0
) -> dict[str, Any]:
    async def fetch() -> dict[str, Any] | None:
        tasks = (await client.get(f"{review.url}/tasks", params={"state": "open", "stage": stage})).json()
        return next((t for t in tasks if t["application_id"] == application_id), None)

    return await poll(fetch, f"{stage} task at {review.name}", wait_s)


async def decide(
    client: httpx.AsyncClient,
    review: Instance,
    task: dict[str, Any],
    outcome: str,
    opinion: str,
    **extra: Any,
) -> None:
    """Decide as the client's caller: the reviewer recorded is the token's subject."""
    resp = await client.post(
        f"{review.url}/tasks/{task['id']}/decision", json={"outcome": outcome, "opinion": opinion, **extra}
    )
    resp.raise_for_status()


# 鲁民函〔2019〕50号 (003:35): the prefecture's formal document states its review opinion in three parts
# and its own support measures (policy, funding, projects); review refuses a recommendation without them.
FORMAL_RECOMMENDATION: dict[str, Any] = {
    "opinion_parts": {
        "foundation": "工作基础扎实，社区综合服务设施全覆盖。",
        "theme_measures": "实验主题明确，举措具体可行。",
        "plan_guidance": "市民政局组织专家两次指导方案修改。",
    },
    "support_measures": {
        "policy": "纳入市委改革重点",
        "funding": "市级财政配套 200 万元",
        "projects": "智慧社区平台项目",
    },
}


# 003:35: the applicant's 申报表 in the name of its Party committee and government, which the prefecture
# registers on receiving the letter (or the county files itself) before it may recommend.
APPLICANT_FORM: dict[str, str] = {
    "in_name_of": "中共济南市市中区委员会、济南市市中区人民政府",
    "letter_no": "市中发〔2027〕12号",
    "department": "区民政局基层政权和社区建设科",
    "department_head": "张科长",
    "public_mailbox": "sqzl@jnsz.gov.cn",
}


async def file_form(client: httpx.AsyncClient, review: Instance, application_id: str) -> None:
    """The county's formal submission of its 申报表 at the prefecture (201, or 409 when filed before)."""
    url = f"{review.url}/applications/{application_id}/formal-submission"
    resp = await client.post(url, json={"form": APPLICANT_FORM})
    assert resp.status_code in (201, 409), resp.text


async def submit(client: httpx.AsyncClient, intake: Instance, body: dict[str, Any]) -> httpx.Response:
    return await client.post(f"{intake.url}/applications", json=body)


async def drive_path(
    client: httpx.AsyncClient,
    topo: Topology,
    application_id: str,
    wait_s: float = 60.0,
    from_stage: str | None = None,
) -> PathResult:
    """From a submitted application (or one at `from_stage`) to its zone, deciding every stage of the
    Shandong route, each as whoever the client's token names at that instance (in the demo its own
    reviewer: the decider recorded is the token's, never a name in the body)."""
    steps: list[tuple[Instance, str, str, str, dict[str, Any]]] = [
        (topo.prefecture, "prefecture_review", "pass", "方案符合要求，同意报送省民政厅。", {}),
        (topo.province, "preliminary_review", "pass", "实验主题明确，举措可行，初审通过。", {}),
        (
            topo.prefecture,
            "formal_recommendation",
            "recommend",
            "同意推荐，以正式文件报送省民政厅。",
            FORMAL_RECOMMENDATION,
        ),
        (topo.province, "evaluation", "designate", "综合评估通过，予以认定。", {}),
    ]
    if from_stage is not None:
        steps = steps[[step[1] for step in steps].index(from_stage) :]
    result = PathResult(application={}, zone={})
    for review, stage, outcome, opinion, extra in steps:
        task = await open_task(client, review, application_id, stage, wait_s)
        if outcome == "recommend":
            await file_form(client, review, application_id)
        await decide(client, review, task, outcome, opinion, **extra)
        result.decisions.append((review.name, stage, outcome))

    async def zone() -> dict[str, Any] | None:
        zones = (
            await client.get(f"{topo.monitoring.url}/zones", params={"application_id": application_id})
        ).json()
        if not zones:
            return None
        detail = (await client.get(f"{topo.monitoring.url}/zones/{zones[0]['id']}")).json()
        return detail if detail.get("obligations") else None

    result.zone = await poll(zone, "the zone and its first obligation", wait_s)

    async def designated() -> dict[str, Any] | None:
        app = (await client.get(f"{topo.intake.url}/applications/{application_id}")).json()
        return app if app["status"] == "designated" else None

    result.application = await poll(designated, "intake to see the designation", wait_s)
    return result


async def timeline(
    client: httpx.AsyncClient, topo: Topology, application_id: str, zone: dict[str, Any], subscriber: str
) -> list[tuple[str, str, str, str]]:
    """(time, service, what, detail) rows, from each service's own HTTP read of its state."""
    rows: list[tuple[str, str, str, str]] = []
    app = (await client.get(f"{topo.intake.url}/applications/{application_id}")).json()
    rows += [(h["at"], "intake", h["what"], f"{h['by']} {h['detail']}") for h in app["history"]]
    for review in (topo.prefecture, topo.province):
        case = (await client.get(f"{review.url}/applications/{application_id}")).json()
        rows += [
            (h["at"], review.name, h["what"], f"{h.get('by', '')} {h.get('detail', '')}".strip())
            for h in case.get("history", [])
        ]
    rows.append((zone["designated_at"], "monitoring", "zone created", f"{zone['document_no']}"))
    rows += [
        (zone["designated_at"], "monitoring", f"obligation {o['kind']}", f"{o['title']} due {o['due_on']}")
        for o in zone["obligations"]
    ]
    inbox = (await client.get(f"{topo.notify.url}/inbox/{subscriber}")).json()
    rows += [
        (e["created_at"], "notify", "in-app", e["subject"])
        for e in inbox["entries"]
        if e["application_id"] == application_id
    ]
    since = _instant(app["submitted_at"])
    deliveries = (
        await client.get(
            f"{topo.notify.url}/deliveries", params={"subscriber_id": subscriber, "channel": "email"}
        )
    ).json()
    rows += [
        (
            d["sent_at"] or d["created_at"],
            "notify",
            f"email {d['status']}",
            f"{d['address']} {d['event_type']}",
        )
        for d in deliveries
        if d["channel"] == "email" and _instant(d["created_at"]) >= since
    ]
    return sorted(rows, key=lambda r: _instant(r[0]))


def _instant(at: object) -> datetime:
    return datetime.fromisoformat(str(at).replace("Z", "+00:00")).astimezone(BEIJING)


async def _demo(base_port: int, workdir: str) -> int:
    from console.local.demo_applicant import choose_application

    topo = Topology.of(demo_topology(base_port))
    mint = local_minter(workdir, topo)
    actors = ActorTokens(mint, topo) if mint else None
    async with httpx.AsyncClient(timeout=10.0, auth=actors) as client:
        chosen = await choose_application(client, topo, actors)
        if chosen is None:
            return 1
        app = chosen.application
        result = await drive_path(client, topo, app["id"], from_stage=chosen.from_stage)
        for inst, stage, outcome in result.decisions:
            print(f"  {inst:<15} {stage:<22} → {outcome}")
        zone = result.zone
        print(
            f"designated {zone['document_no']}: zone {zone['id']} "
            f"{zone['period_start']} – {zone['period_end']}"
        )
        await asyncio.sleep(1.0)  # let notify finish its last emails
        rows = await timeline(client, topo, app["id"], zone, f"applicant:{app['applicant_code']}")
        print("\ntimeline across services (Beijing time, each service's own record):")
        for at, service, what, detail in rows:
            shown = _instant(at).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
            print(f"  {shown}  {service:<15} {what:<34} {detail[:60]}")
    return 0


def run_demo(base_port: int = 8001, workdir: str = ".zones/run") -> int:
    return asyncio.run(_demo(base_port, workdir))
