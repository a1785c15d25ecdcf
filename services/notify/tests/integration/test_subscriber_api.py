"""Managing people, systems, preferences and subscriptions over HTTP; the delivery log per subscriber."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from services.notify.entrypoints.api import router
from services.notify.entrypoints.subscriber_api import router as subscriber_router
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from shared.http.errors import install_error_handlers
from shared.messaging.consumer import EventConsumer

pytestmark = pytest.mark.integration
PERSON = {
    "key": "li",
    "name": "李审核",
    "jurisdiction": "370100",
    "role": "reviewer",
    "email": "li@jnmz.gov.cn",
}


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(subscriber_router)
    app.state.uow_factory = uow_factory
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notify") as c:
        yield c


async def test_people_and_systems_are_registered_or_refused_in_both_languages(
    client: httpx.AsyncClient,
) -> None:
    made = await client.post("/subscribers/people", json=PERSON)
    assert made.status_code == 201 and made.json()["id"] == "person:li"
    assert made.json()["channels"] == ["email", "in_app"] and made.json()["role"] == "reviewer"
    again = await client.post("/subscribers/people", json=PERSON)
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "subscriber_exists"
    bad = await client.post(
        "/subscribers/people", json={**PERSON, "key": "x", "email": "no", "language": "fr"}
    )
    assert bad.status_code == 422
    assert [r["code"] for r in bad.json()["reasons"]] == ["invalid_email", "unsupported_language"]
    assert all(r["message_zh"] and r["message_en"] for r in bad.json()["reasons"])
    system = {"key": "oa", "name": "办公系统", "jurisdiction": "370000", "webhook_url": "https://oa.example/h",
              "secret": "0123456789abcdef"}  # fmt: skip
    made = await client.post("/subscribers/systems", json=system)
    assert made.status_code == 201 and made.json()["webhook_url"] == "https://oa.example/h"
    assert "secret" not in made.text and "0123456789abcdef" not in made.text
    assert (await client.get("/subscribers/system:oa")).json()["channels"] == ["webhook"]


async def test_preferences_refuse_muting_what_is_critical(client: httpx.AsyncClient) -> None:
    await client.post("/subscribers/people", json=PERSON)
    refused = await client.put("/subscribers/person:li/preferences", json={"muted": ["task", "decision"]})
    assert refused.status_code == 422 and refused.json()["reasons"][0]["code"] == "critical_not_mutable"
    assert (await client.get("/subscribers/person:li")).json()["muted"] == []  # nothing changed
    ok = await client.put("/subscribers/person:li/preferences", json={"muted": ["task"], "digest": True})
    assert ok.json() == {"muted": ["task"], "digest": True}
    missing = await client.put("/subscribers/person:nobody/preferences", json={"muted": []})
    assert missing.status_code == 404


async def test_subscriptions_are_added_listed_used_and_removed(
    client: httpx.AsyncClient, consumer: EventConsumer
) -> None:
    person = {**PERSON, "key": "obs", "role": "observer", "jurisdiction": "370000"}
    await client.post("/subscribers/people", json=person)
    bad = await client.post("/subscribers/person:obs/subscriptions", json={"scope": "37", "programme": "x"})
    assert [r["code"] for r in bad.json()["reasons"]] == ["unknown_programme", "invalid_jurisdiction"]
    made = await client.post(
        "/subscribers/person:obs/subscriptions",
        json={
            "event_type": "zones.review.stage_decided.*",
            "scope": "370000",
            "filter": {"effect": "revise"},
        },
    )
    assert made.status_code == 201
    [listed] = (await client.get("/subscribers/person:obs/subscriptions")).json()
    assert listed["id"] == made.json()["id"] and listed["include_descendants"] is True
    for offset, event in enumerate([ev.submitted(), ev.decided("advance"), ev.decided("revise")]):
        await consumer.handle_record(record(ev.envelope(event), offset))
    log = (await client.get("/subscribers/person:obs/deliveries")).json()
    assert sorted((d["event_type"], d["channel"]) for d in log) == [
        ("zones.review.stage_decided.v1", "email"), ("zones.review.stage_decided.v1", "in_app"),
    ]  # fmt: skip
    assert {"status", "attempts", "last_error", "address"} <= set(log[0])
    gone = await client.delete(f"/subscribers/person:obs/subscriptions/{listed['id']}")
    assert (
        gone.status_code == 204 and (await client.get("/subscribers/person:obs/subscriptions")).json() == []
    )
    assert (await client.get("/subscribers/person:nobody/deliveries")).status_code == 404
