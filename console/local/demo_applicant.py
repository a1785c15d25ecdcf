"""Which application `zones demo` drives, so that it works on every run against the same data.

A county may hold one open application per programme. The demo submits for the first Jinan county
that holds none; when every one does (earlier runs or tests stopped half-way), it carries on the open
application whose review task is waiting, from that stage. Only when none can move does it stop, and
says how to start from empty data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from console.local.demo import JINAN_COUNTIES, Topology, shandong_application, submit
from shared import jurisdictions as j

if TYPE_CHECKING:
    from console.local.demo_actors import ActorTokens

# Every county of Jinan (the demo topology reviews at 370100), the demo's usual one first.
_OTHER_JINAN = (c for c in j.NAMES if j.level(c) is j.Level.COUNTY and j.is_within(c, "370100"))
DEMO_COUNTIES = [*JINAN_COUNTIES, *sorted(set(_OTHER_JINAN) - set(JINAN_COUNTIES))]
STAGES = ("prefecture_review", "preliminary_review", "formal_recommendation", "evaluation")


@dataclass(frozen=True)
class Chosen:
    application: dict[str, Any]
    from_stage: str | None = None  # None: newly submitted, every stage ahead


async def choose_application(
    client: httpx.AsyncClient, topo: Topology, actors: ActorTokens | None
) -> Chosen | None:
    for code in DEMO_COUNTIES:
        if actors is not None:
            actors.applicant = code
        resp = await submit(client, topo.intake, shandong_application(code))
        if resp.status_code == 201:
            app = resp.json()
            print(f"submitted {app['reference_no']} ({app['applicant_name']}, {app['theme']}) id={app['id']}")
            return Chosen(app)
        reasons = [r.get("code") for r in resp.json().get("reasons", [])] if _is_json(resp) else []
        print(f"{code}: {resp.status_code} {reasons}")
        if "duplicate_open_application" not in reasons:
            print(f"intake refused the demo application / 受理服务拒绝了演示申报: {resp.text[:300]}")
            return None
    resumed = await _waiting(client, topo, actors)
    if resumed is None:
        print(
            "每个演示县都有未办结的申报，且没有可继续的审核任务；用 `zones run --fresh` 从空数据开始。\n"
            "every demo county has an open application and no review task can move one on; "
            "start from empty data with `zones run --fresh`."
        )
        return None
    app = resumed.application
    print(
        f"every demo county has an open application; carrying on {app['reference_no']} "
        f"({app['applicant_name']}) from {resumed.from_stage} / 各县均有未办结申报，继续推进该申报"
    )
    return resumed


async def _waiting(client: httpx.AsyncClient, topo: Topology, actors: ActorTokens | None) -> Chosen | None:
    """An open demo application with a stage task open at one of the two review instances."""
    for review in (topo.prefecture, topo.province):
        tasks = (await client.get(f"{review.url}/tasks", params={"state": "open", "kind": "stage"})).json()
        for task in sorted(tasks, key=lambda t: str(t.get("opened_at", ""))):
            if task.get("stage") not in STAGES or task.get("applicant_code") not in DEMO_COUNTIES:
                continue
            if actors is not None:
                actors.applicant = task["applicant_code"]
            resp = await client.get(f"{topo.intake.url}/applications/{task['application_id']}")
            if resp.status_code == 200 and resp.json()["status"] == "under_review":
                return Chosen(resp.json(), task["stage"])
    return None


def _is_json(resp: httpx.Response) -> bool:
    return resp.headers.get("content-type", "").startswith("application/json")
