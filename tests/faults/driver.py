"""Driving applications through the path while services come and go: every call retried until it lands."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from console.local.demo import FORMAL_RECOMMENDATION, Topology, file_form, shandong_application

STEPS = [
    ("prefecture", "prefecture_review", "pass"),
    ("province", "preliminary_review", "pass"),
    ("prefecture", "formal_recommendation", "recommend"),
    ("province", "evaluation", "designate"),
]


async def call(client: httpx.AsyncClient, method: str, url: str, **kw: Any) -> httpx.Response:
    """The response, retrying while the service is down (connection refused, reset, 5xx)."""
    for _ in range(600):
        try:
            resp = await client.request(method, url, **kw)
            if resp.status_code < 500:
                return resp
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.25)
    raise TimeoutError(f"{method} {url} never answered")


async def submit_batch(client: httpx.AsyncClient, topo: Topology, codes: list[str]) -> list[str]:
    ids = []
    for code in codes:
        resp = await call(client, "POST", f"{topo.intake.url}/applications", json=shandong_application(code))
        if resp.status_code == 422:  # the first try landed, the answer was lost: find it
            apps = (
                await call(client, "GET", f"{topo.intake.url}/applications", params={"applicant_code": code})
            ).json()
            ids.append(apps[0]["id"])
            continue
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["id"])
    return ids


async def advance_all(client: httpx.AsyncClient, topo: Topology, ids: list[str], wait_s: float = 240) -> None:
    """Decide every open stage of these applications until each is designated."""
    pending = set(ids)
    deadline = asyncio.get_running_loop().time() + wait_s
    while pending:
        assert asyncio.get_running_loop().time() < deadline, f"not designated in time: {pending}"
        for side, stage, outcome in STEPS:
            review = getattr(topo, side)
            tasks = (
                await call(client, "GET", f"{review.url}/tasks", params={"state": "open", "stage": stage})
            ).json()
            for task in tasks:
                if task["application_id"] in pending:
                    body = {"outcome": outcome, "reviewer": "故障测试", "opinion": "同意。"}
                    if outcome == "recommend":  # 003:35: the opinion's three parts and support measures
                        body |= FORMAL_RECOMMENDATION
                        await file_form(client, review, task["application_id"])
                    resp = await call(client, "POST", f"{review.url}/tasks/{task['id']}/decision", json=body)
                    assert resp.status_code in (200, 201, 409), resp.text  # 409: an earlier try landed
        for app_id in list(pending):
            app = (await call(client, "GET", f"{topo.intake.url}/applications/{app_id}")).json()
            if app["status"] == "designated":
                pending.discard(app_id)
        await asyncio.sleep(0.5)
