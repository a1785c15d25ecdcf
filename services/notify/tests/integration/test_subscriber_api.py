"""Managing people, systems, preferences and subscriptions over HTTP; the delivery log per subscriber."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from services.notify.adapters.webhook import TargetGuard
from services.notify.domain.subscription import Subscription
from services.notify.domain.webhook_target import Address, TargetRules
from services.notify.entrypoints.api import router
from services.notify.entrypoints.subscriber_api import router as subscriber_router
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from shared.http.errors import install_error_handlers
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings
from shared.territory import Territory

pytestmark = pytest.mark.integration
SECRET = "whsec_YXBpLXRlc3Qtc2VjcmV0LW9mLTI0LWJ5dGVzIQ=="


async def public_dns(host: str, port: int) -> list[Address]:
    """oa.example is public; every other name answers the cloud metadata address."""
    return [ipaddress.ip_address("93.184.216.34" if host == "oa.example" else "169.254.169.254")]


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
    app.state.territory, app.state.instance = Territory.of("000000"), "notify-000000"
    app.state.settings = Settings(auth_required=False)  # explicit: a router-only app with authentication off
    app.state.webhook_guard = TargetGuard(TargetRules.of("", []), resolve=public_dns)
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
              "secret": SECRET}  # fmt: skip
    made = await client.post("/subscribers/systems", json=system)
    assert made.status_code == 201 and made.json()["webhook_url"] == "https://oa.example/h"
    assert "secret" not in made.text and SECRET not in made.text
    assert (await client.get("/subscribers/system:oa")).json()["channels"] == ["webhook"]


async def test_a_system_whose_webhook_reaches_inside_is_refused_in_both_languages(
    client: httpx.AsyncClient,
) -> None:
    urls = ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:5432/", "http://[::1]/",
            "http://10.0.0.8/hooks", "https://metadata.rebind.example/hooks"]  # fmt: skip
    for n, url in enumerate(urls):
        system = {"key": f"oa{n}", "name": "办公系统", "jurisdiction": "370000", "webhook_url": url,
                  "secret": SECRET}  # fmt: skip
        refused = await client.post("/subscribers/systems", json=system)
        assert refused.status_code == 422, url
        [reason] = refused.json()["reasons"]
        assert reason["code"] == "webhook_target_not_allowed"
        assert reason["message_zh"] and reason["message_en"]
        assert (await client.get(f"/subscribers/system:oa{n}")).status_code == 404
    assert n + 1 == 5


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


async def test_subscriptions_stay_within_the_subscribers_territory(
    client: httpx.AsyncClient, consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    qingdao = {**PERSON, "key": "qd", "role": "observer", "jurisdiction": "370200", "email": "qd@qdmz.gov.cn"}
    assert (await client.post("/subscribers/people", json=qingdao)).status_code == 201
    wider = await client.post("/subscribers/person:qd/subscriptions", json={"scope": "370000"})
    jinans = await client.post(
        "/subscribers/person:qd/subscriptions", json={"filter": {"applicant.code": "370103"}}
    )
    for refused in (wider, jinans):
        assert refused.status_code == 403
        [reason] = refused.json()["reasons"]
        assert reason["code"] == "outside_territory" and reason["message_zh"] and reason["message_en"]
    assert (await client.get("/subscribers/person:qd/subscriptions")).json() == []
    # one stored before the rule (or by any other path) still tells nothing beyond the territory
    uow = uow_factory()
    async with uow:
        await uow.subscriptions.add(Subscription("old", "person:qd", scope="370000"), uow.clock.now())
        await uow.commit()
    await consumer.handle_record(record(ev.envelope(ev.decided("revise"))))  # about 370103, Jinan's
    assert (await client.get("/subscribers/person:qd/deliveries")).json() == []
