"""Top-10 innovation achievements: province → ministry material review → anonymous expert review (experts
see no identity) → joint review ranked by combined scores with a public notice and an objection → the
owner's selection; and an overdue task told exactly once, across a restart."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest

from console.local.demo import Topology, poll
from console.local.stack import issue_local
from shared import jurisdictions as j
from shared.clock import advance
from shared.events.topics import APPLICATIONS
from tests.support.kafka_tools import header, read_all
from tests.support.review_tools import (
    Reviews,
    decide,
    dossier,
    ministry_settings,
    open_task,
    panel,
    post,
    reviews,
)

pytestmark = pytest.mark.e2e
__all__ = ["reviews"]
CRITERIA = ("innovation", "effect", "replicability", "theme_fit")


async def overdue_events(bootstrap: str, task_id: str) -> int:
    records = await read_all(bootstrap, APPLICATIONS)
    return sum(
        1
        for r in records
        if header(r, "ce_type") == "zones.review.task_overdue.v1"
        and json.loads(r.value)["task_id"] == task_id
    )


async def test_top10_anonymous_review_ranking_notice_and_selection(
    topo: Topology, reviews: Reviews, client: httpx.AsyncClient
) -> None:
    codes = ["370102", "370114", "370115"]
    apps = [await dossier(reviews.stack.bootstrap, c) for c in codes]
    ministry, head = reviews.ministry, reviews.head
    for app_id in apps:
        task = await open_task(client, topo.province, app_id, "provincial_recommendation")
        await decide(client, topo.province, task, "recommend")
    for app_id in apps[:2]:
        await decide(
            client, ministry, await open_task(client, ministry, app_id, "material_review", head), "pass", head
        )
    tasks = [await open_task(client, ministry, a, "anonymous_review", head) for a in apps[:2]]
    expert = lambda name: reviews.token(name, "expert")  # noqa: E731
    for task, mark in zip(tasks, (90, 80), strict=True):
        scores = [{c: mark + d for c in CRITERIA} for d in (-5, 0, 0, 5, 10)]
        await panel(client, ministry, task, scores, head, expert)
    seen = await client.get(f"{ministry.url}/tasks", headers=expert("专家1"))
    assert seen.status_code == 200 and {t["id"] for t in seen.json()} == {t["id"] for t in tasks}
    detail = await client.get(f"{ministry.url}/tasks/{tasks[0]['id']}", headers=expert("专家1"))
    shown = seen.text + detail.text
    for code in codes[:2]:
        assert code not in shown and j.name(code) not in shown and j.name(code)[3:] not in shown
    assert all(app_id not in shown for app_id in apps[:2])  # an expert works by task id alone
    paper = issue_local(reviews.stack, "专家1", "expert", "000000")
    as_expert = {"Authorization": f"Bearer {paper}"}
    original = await client.get(f"{topo.intake.url}/applications/{apps[0]}", headers=as_expert)
    assert original.status_code == 403 and "专家" in original.json()["reasons"][0]["message_zh"]
    assert detail.json()["task"]["applicant_name"].startswith("匿名申报单位")
    assert len(detail.json()["task"]["experts"]) == 1  # only their own seat
    stranger = await client.get(f"{ministry.url}/tasks/{tasks[0]['id']}", headers=expert("局外人"))
    assert stranger.status_code == 404
    for task in tasks:
        await decide(client, ministry, task, "pass", head)

    joint = [await open_task(client, ministry, a, "joint_review", head) for a in apps[:2]]
    ranked = (
        await client.get(
            f"{ministry.url}/rankings",
            params={"programme": "top10-innovation", "stage": "joint_review"},
            headers=head,
        )
    ).json()
    assert [(r["rank"], r["task"]["applicant_code"]) for r in ranked] == [(1, codes[0]), (2, codes[1])]
    assert ranked[0]["combined_score"] > ranked[1]["combined_score"]
    for task in joint:
        await post(client, f"{ministry.url}/tasks/{task['id']}/notice", {}, head)
    objected = await post(
        client,
        f"{ministry.url}/tasks/{joint[1]['id']}/objections",
        {"objector": "某市民", "text": "成果数据存疑"},
        head,
    )
    early = await client.post(
        f"{ministry.url}/tasks/{joint[0]['id']}/decision",
        headers=head,
        json={"outcome": "pass", "opinion": "通过"},
    )
    assert early.status_code == 422 and early.json()["reasons"][0]["code"] == "notice_still_open"
    advance(str(reviews.clock_file), timedelta(days=8))
    objection = objected["notice"]["objections"][0]["id"]
    await post(
        client,
        f"{ministry.url}/tasks/{joint[1]['id']}/objections/{objection}/resolution",
        {"resolution": "dismissed", "note": "经核实数据属实"},
        head,
    )
    for task in joint:
        await decide(client, ministry, task, "pass", head)

    final = [await open_task(client, ministry, a, "announcement", head) for a in apps[:2]]
    picks = {"selected": [final[0]["id"]], "nominated": [final[1]["id"]]}
    chosen = await post(
        client,
        f"{ministry.url}/selections",
        {
            "programme": "top10-innovation",
            "stage": "announcement",
            "picks": picks,
            "rest": "not_selected",
            "opinion": "经联席评审和公示，确定发布。",
        },
        head,
    )
    assert sorted(t["outcome"] for t in chosen) == ["nominated", "selected"]
    assert all(
        t["designation"] == "achievement" and t["document_no"].startswith("民函〔2027〕") for t in chosen
    )

    # The third dossier waits at material review: past its due date it is listed and told once.
    waiting = await open_task(client, ministry, apps[2], "material_review", head)
    advance(str(reviews.clock_file), timedelta(days=30))

    async def listed() -> list[Any] | None:
        found = (await client.get(f"{ministry.url}/tasks/overdue", headers=head)).json()
        return [t for t in found if t["id"] == waiting["id"]] or None

    await poll(listed, "the overdue listing", 20)

    async def told() -> int | None:
        return await overdue_events(reviews.stack.bootstrap, waiting["id"]) or None

    assert await poll(told, "the overdue event", 20) == 1
    reviews.stack.kill(ministry.name)
    reviews.stack.start(ministry, extra=ministry_settings(reviews.clock_file))
    reviews.stack.wait_healthy(ministry)
    await open_task(client, ministry, apps[2], "material_review", head)
    assert await overdue_events(reviews.stack.bootstrap, waiting["id"]) == 1
