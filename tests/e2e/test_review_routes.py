"""Each zone programme's route across separate review processes over the real broker: national (county →
province → ministry), Shandong with one revision loop, Jilin; concurrent decisions; refusals."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from console.local.demo import FORMAL_RECOMMENDATION, Topology, file_form, poll, shandong_application, submit
from tests.e2e.test_programme_rules import jilin_application
from tests.support.review_tools import Reviews, decide, intake_status, open_task, panel, post, reviews

pytestmark = pytest.mark.e2e
__all__ = ["reviews"]
SHANDONG_SCORES = {"foundation": 80, "theme": 75, "plan": 70, "safeguards": 85, "prefecture_support": 90}
JILIN_SCORES = {
    "governance": 80,
    "self_governance": 70,
    "services": 75,
    "burden_reduction": 70,
    "party_building": 85,
}


async def test_national_route_county_province_ministry(
    topo: Topology, reviews: Reviews, client: httpx.AsyncClient
) -> None:
    body = {
        **jilin_application("370105"),
        "programme": "national-zones",
        "applicant_name": "济南市槐荫区",
        "theme": "社区协商民主",
        "period_months": 36,
        "attestations": [],
    }
    resp = await submit(client, topo.intake, body)
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    task = await open_task(client, topo.province, app_id, "provincial_review")
    await decide(client, topo.province, task, "forward")
    ministry, head = reviews.ministry, reviews.head
    task = await open_task(client, ministry, app_id, "ministry_review", head)
    detail = (await client.get(f"{ministry.url}/tasks/{task['id']}", headers=head)).json()
    assert [h["what"] for h in detail["case"]["history"]] == ["submitted", "provincial_review:forward"]
    assert {d["key"] for d in detail["documents"]} >= {"application_letter", "background"}
    done = await decide(
        client, ministry, task, "approve", head, document_no="民函〔2027〕88号", document_date="2027-06-02"
    )
    assert done["designation"] == "zone" and done["document_no"] == "民函〔2027〕88号"
    await intake_status(client, topo.intake, app_id, "designated")


async def test_shandong_with_one_revision_loop_support_measures_and_scored_evaluation(
    topo: Topology, client: httpx.AsyncClient
) -> None:
    code = "370112"
    resp = await submit(client, topo.intake, shandong_application(code))
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    city, province = topo.prefecture, topo.province
    await decide(client, city, await open_task(client, city, app_id, "prefecture_review"), "pass")
    task = await open_task(client, province, app_id, "preliminary_review")
    await post(client, f"{province.url}/tasks/{task['id']}/claim", {})
    await panel(client, province, task, [{}, {}])
    sent_back = await decide(client, province, task, "needs_improvement")
    assert "专家1意见" in sent_back["opinion"] and "专家2意见" in sent_back["opinion"]
    revision = await intake_status(client, topo.intake, app_id, "revision_requested")
    assert "专家1意见" in revision["history"][-1]["detail"]
    revised = await client.post(
        f"{topo.intake.url}/applications/{app_id}/revisions", json=shandong_application(code)
    )
    assert revised.status_code == 200, revised.text
    task = await open_task(client, province, app_id, "preliminary_review")  # the same stage again
    await decide(client, province, task, "pass")
    task = await open_task(client, city, app_id, "formal_recommendation")
    await file_form(client, city, app_id)  # 003:35: the county's 申报表 first
    await decide(client, city, task, "recommend", **FORMAL_RECOMMENDATION)
    task = await open_task(client, province, app_id, "evaluation")
    case = (await client.get(f"{province.url}/tasks/{task['id']}")).json()["case"]
    assert "经费：市级财政配套 200 万元" in case["history"][-1]["detail"]
    await panel(client, province, task, [SHANDONG_SCORES] * 3)
    designated = await decide(client, province, task, "designate")
    assert designated["score"] == 80.0 and designated["document_no"].startswith("鲁民函〔2027〕")
    await intake_status(client, topo.intake, app_id, "designated")


async def test_jilin_route_with_a_scored_panel_and_concurrent_decisions(
    topo: Topology, reviews: Reviews, client: httpx.AsyncClient
) -> None:
    resp = await submit(client, topo.intake, jilin_application("220102"))
    assert resp.status_code == 201, resp.text
    app_id = resp.json()["id"]
    await decide(
        client,
        reviews.changchun,
        await open_task(client, reviews.changchun, app_id, "prefecture_review"),
        "pass",
    )
    task = await open_task(client, reviews.jilin, app_id, "expert_review")
    url = f"{reviews.jilin.url}/tasks/{task['id']}/decision"
    await panel(client, reviews.jilin, task, [JILIN_SCORES, JILIN_SCORES])
    short = await client.post(url, json={"outcome": "pass", "opinion": "通过"})
    assert short.status_code == 422 and short.json()["reasons"][0]["code"] == "opinions_missing"
    await post(client, f"{reviews.jilin.url}/tasks/{task['id']}/experts", {"experts": ["专家3"]})
    await post(
        client,
        f"{reviews.jilin.url}/tasks/{task['id']}/opinions",
        {"expert": "专家3", "opinion": "可行", "scores": JILIN_SCORES},
    )
    passed = await decide(client, reviews.jilin, task, "pass")
    assert passed["score"] == 76.0
    task = await open_task(client, reviews.jilin, app_id, "confirmation")
    body = {"outcome": "confirm", "opinion": "发文确认"}
    url = f"{reviews.jilin.url}/tasks/{task['id']}/decision"
    first, second = await asyncio.gather(client.post(url, json=body), client.post(url, json=body))
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    loser = first if first.status_code == 409 else second
    assert loser.json()["reasons"][0]["code"] == "already_decided"
    await intake_status(client, topo.intake, app_id, "designated")


async def test_refusals_change_nothing(topo: Topology, reviews: Reviews, client: httpx.AsyncClient) -> None:
    resp = await submit(client, topo.intake, shandong_application("370113"))
    app_id = resp.json()["id"]
    await open_task(client, topo.prefecture, app_id, "prefecture_review")
    body = {"outcome": "pass", "opinion": "同意"}
    base = f"{topo.province.url}/applications/{app_id}/stages"

    async def kept() -> bool:
        return (await client.get(f"{topo.province.url}/applications/{app_id}")).status_code == 200

    await poll(kept, "the province to keep its case", 30)
    not_mine = await client.post(f"{base}/prefecture_review/decision", json=body)
    assert not_mine.status_code == 422, not_mine.text
    [reason] = not_mine.json()["reasons"]
    assert reason["code"] == "stage_not_owned" and reason["message_zh"] and reason["message_en"]
    not_there = await client.post(f"{base}/preliminary_review/decision", json=body)
    assert not_there.status_code == 409 and not_there.json()["reasons"][0]["code"] == "not_at_stage"
    other_level = await client.get(
        f"{reviews.ministry.url}/tasks", headers=reviews.token("x", "reviewer", "370000")
    )
    assert other_level.status_code == 403
    case = (await client.get(f"{topo.province.url}/applications/{app_id}")).json()
    assert [h["what"] for h in case["history"]] == ["submitted"]
