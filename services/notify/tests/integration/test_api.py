"""Notify's HTTP routes over real PostgreSQL: inbox, reading, deliveries, subscribers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from services.notify.entrypoints.api import router
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from shared.http.errors import install_error_handlers
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings
from shared.territory import Territory

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(uow_factory: UowFactory, consumer: EventConsumer) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = Territory.of("000000"), "notify-000000"
    app.state.settings = Settings(auth_required=False)  # explicit: a router-only app with authentication off
    for offset, event in enumerate([ev.submitted(), ev.task_opened(), ev.decided("advance")]):
        await consumer.handle_record(record(ev.envelope(event), offset))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify") as c:
        yield c


async def test_inbox_newest_first_with_unread_count_and_marking_read(client: httpx.AsyncClient) -> None:
    inbox = (await client.get("/inbox/applicant:370103")).json()
    assert inbox["unread"] == 2
    newest, oldest = inbox["entries"]
    assert newest["event_type"] == "zones.review.stage_decided.v1" and "审核通过" in newest["subject"]
    read = await client.post(f"/inbox/applicant:370103/entries/{oldest['id']}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert (await client.post(f"/inbox/applicant:370103/entries/{oldest['id']}/read")).status_code == 200
    assert (await client.get("/inbox/applicant:370103")).json()["unread"] == 1
    # an entry is read only through its own subscriber's inbox
    assert (await client.post(f"/inbox/jurisdiction:370100/entries/{newest['id']}/read")).status_code == 404


async def test_unknown_subscriber_is_not_found_in_both_languages(client: httpx.AsyncClient) -> None:
    answer = await client.get("/inbox/applicant:999999")
    assert answer.status_code == 404
    [reason] = answer.json()["reasons"]
    assert "订阅者不存在" in reason["message_zh"] and "subscriber" in reason["message_en"]


async def test_deliveries_filtered_by_subscriber_and_status(client: httpx.AsyncClient) -> None:
    pending = (await client.get("/deliveries", params={"status": "pending"})).json()
    assert {d["channel"] for d in pending} == {"email"} and len(pending) == 2
    assert {"attempts", "last_error", "status"} <= set(pending[0])
    reviewer = (await client.get("/deliveries", params={"subscriber_id": "jurisdiction:370100"})).json()
    # the task to review, and (as the level above) the submission
    assert sorted((d["event_type"], d["channel"], d["status"]) for d in reviewer) == [
        ("zones.application.submitted.v1", "in_app", "sent"),
        ("zones.review.task_opened.v1", "in_app", "sent"),
    ]
    emails = (await client.get("/deliveries", params={"channel": "email"})).json()
    assert {d["channel"] for d in emails} == {"email"}
    assert (await client.get("/deliveries", params={"status": "lost"})).status_code == 422


async def test_subscribers_are_listed(client: httpx.AsyncClient) -> None:
    found = {s["id"]: s for s in (await client.get("/subscribers")).json()}
    assert set(found) == {"applicant:370103", "jurisdiction:370100"}
    assert found["applicant:370103"]["channels"] == ["email", "in_app"]
    assert found["jurisdiction:370100"]["channels"] == ["in_app"]
