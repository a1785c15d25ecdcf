"""Review's HTTP routes over a real database (app built by bootstrap; broker and relay not started)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest

from services.review.bootstrap import MIGRATIONS, create_app
from services.review.entrypoints.consumers import review_consumer
from services.review.tests.integration.conftest import envelope
from services.review.tests.samples import submitted
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from tests.support.issuer import ISSUERS, mint
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration
AUD = Settings(service="review", jurisdiction="370100").audience  # the instance a token must name


@pytest.fixture
async def client(pg_server: str) -> AsyncIterator[httpx.AsyncClient]:
    url = await fresh_database(pg_server, "review_api", MIGRATIONS)
    settings = Settings(
        service="review",
        jurisdiction="370100",
        database_url=url,
        migrate_on_start=False,
        token_issuers=ISSUERS,
    )
    app = create_app(settings)
    consumer = review_consumer(settings, app.state.uow_factory, default_catalogue())
    for event in (submitted(), submitted(applicant="370102", name="济南市历下区")):
        env = envelope(event)
        await consumer.handle_record(
            SimpleNamespace(
                headers=env.headers(),
                value=env.value(),
                key=env.subject.encode(),
                topic=env.topic,
                partition=0,
                offset=0,
            )
        )
    token = mint(AUD, "济南市民政局 李明", "reviewer", "370100")
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://review", headers=headers) as c:
        yield c
    await app.state.runtime.engine.dispose()
    await drop_database(url)


async def test_tasks_list_detail_and_decision(client: httpx.AsyncClient) -> None:
    tasks = (await client.get("/tasks", params={"state": "open", "stage": "prefecture_review"})).json()
    assert [t["applicant_code"] for t in tasks] == ["370102", "370103"]  # newest first
    task_id = tasks[0]["id"]
    detail = (await client.get(f"/tasks/{task_id}")).json()
    assert detail["case"]["history"][0]["what"] == "submitted"

    bad = await client.post(
        f"/tasks/{task_id}/decision", json={"outcome": "x", "reviewer": "李", "opinion": "好"}
    )
    assert bad.status_code == 422
    [reason] = bad.json()["reasons"]
    assert reason["code"] == "invalid_outcome" and "needs_improvement" in reason["message_en"]
    assert "审核结果只能是" in reason["message_zh"]

    ok = await client.post(
        f"/tasks/{task_id}/decision", json={"outcome": "pass", "reviewer": "李", "opinion": "同意"}
    )
    assert ok.status_code == 200 and ok.json()["state"] == "decided"
    again = await client.post(
        f"/tasks/{task_id}/decision", json={"outcome": "pass", "reviewer": "王", "opinion": "同意"}
    )
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "already_decided"

    assert len((await client.get("/tasks", params={"state": "decided"})).json()) == 1
    assert len((await client.get("/tasks", params={"programme": "shandong-zones"})).json()) == 2
    assert (await client.get("/tasks", params={"state": "closed"})).status_code == 422
    case = (await client.get(f"/applications/{ok.json()['application_id']}")).json()
    assert [h["what"] for h in case["history"]] == ["submitted", "prefecture_review:pass"]


async def test_unknown_ids_are_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/tasks/nope")).status_code == 404
    assert (
        await client.post(
            "/tasks/nope/decision", json={"outcome": "pass", "reviewer": "李", "opinion": "同意"}
        )
    ).status_code == 404
    assert (await client.get("/applications/nope")).status_code == 404


def bearer(subject: str, role: str, jurisdiction: str) -> dict[str, str]:
    token = mint(AUD, subject, role, jurisdiction)
    return {"Authorization": f"Bearer {token}"}


async def test_an_admin_elsewhere_cannot_decide_and_the_decider_is_the_tokens_never_the_bodys(
    client: httpx.AsyncClient,
) -> None:
    [task, _] = (await client.get("/tasks", params={"state": "open"})).json()
    body = {"outcome": "pass", "reviewer": "冒名的人", "opinion": "同意"}
    for admin in (bearer("省厅管理员", "admin", "370000"), bearer("全国管理员", "admin", "000000")):
        refused = await client.post(f"/tasks/{task['id']}/decision", json=body, headers=admin)
        assert refused.status_code == 422 and refused.json()["reasons"][0]["code"] == "stage_not_owned"
        by_stage = f"/applications/{task['application_id']}/stages/prefecture_review/decision"
        refused = await client.post(by_stage, json=body, headers=admin)
        assert refused.status_code == 422 and refused.json()["reasons"][0]["code"] == "stage_not_owned"
    assert (await client.get(f"/tasks/{task['id']}")).json()["task"]["state"] == "open"

    own_admin = bearer("济南市管理员 周", "admin", "370100")
    decided = (await client.post(f"/tasks/{task['id']}/decision", json=body, headers=own_admin)).json()
    assert (decided["reviewer"], decided["reviewer_jurisdiction"]) == ("济南市管理员 周", "370100")
    case = (await client.get(f"/applications/{task['application_id']}")).json()
    assert case["history"][-1]["by"] == "370100"
