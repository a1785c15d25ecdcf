"""Filing, reviewing, requests and the dashboard over HTTP, with and without bearer tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from services.monitoring.entrypoints.api import router
from services.monitoring.entrypoints.life_api import router as life_router
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import feed
from services.monitoring.tests.samples import designation
from shared.http.errors import install_error_handlers
from shared.settings import Settings
from tests.support.issuer import ISSUERS, mint

pytestmark = pytest.mark.integration
ZONE = designation().zone_id
AUD = Settings(service="monitoring").audience  # the instance a token must name


def app_with(uow_factory: UowFactory, auth: bool) -> FastAPI:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    settings = Settings(service="monitoring", auth_required=auth, token_issuers=ISSUERS)
    app.state.runtime = SimpleNamespace(settings=settings)
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(life_router)
    return app


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    await feed(uow_factory, designation())
    transport = httpx.ASGITransport(app=app_with(uow_factory, auth=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://monitoring") as c:
        yield c


async def test_file_review_and_chart(client: httpx.AsyncClient) -> None:
    zone = (await client.get(f"/zones/{ZONE}")).json()
    plan = zone["obligations"][0]
    url = f"/zones/{ZONE}/obligations/{plan['id']}"
    bad = await client.post(f"{url}/submissions", json={"text": "", "indicators": {"nope": 1}})
    assert bad.status_code == 422
    assert [r["code"] for r in bad.json()["reasons"]] == ["text_missing", "unknown_indicator"]
    body = {"text": "2027年度实验计划……", "indicators": {"facility_coverage": 91, "volunteer_rate": 6}}
    assert (await client.post(f"{url}/submissions", json=body)).status_code == 201
    reviewed = await client.post(f"{url}/review", json={"outcome": "accepted", "reviewer": "赵强"})
    assert reviewed.status_code == 200 and reviewed.json()["obligations"][0]["state"] == "accepted"
    again = await client.post(f"{url}/review", json={"outcome": "accepted", "reviewer": "赵强"})
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "not_submitted"

    chart = (await client.get("/dashboard", params={"within": "370000"})).json()
    assert chart["zones_by_state"] == {"active": 1}
    assert chart["obligations_by_state"] == {"accepted": 1, "upcoming": 6}
    series = {i["key"]: i for i in chart["indicators"]}
    assert series["facility_coverage"]["series"] == [{"year": 2027, "value": 91.0, "zones": 1, "met": True}]
    assert series["volunteer_rate"]["series"][0]["met"] is False and series["volunteer_rate"]["target"] == 10
    assert (await client.get("/dashboard", params={"within": "220000"})).json()["zones_by_state"] == {}

    req = await client.post(f"/zones/{ZONE}/requests", json={"kind": "revocation", "summary": "x"})
    assert req.status_code == 422 and req.json()["reasons"][0]["code"] == "unknown_request_kind"
    ok = await client.post(
        f"/zones/{ZONE}/requests", json={"kind": "content_change", "summary": "调整实验内容"}
    )
    assert ok.status_code == 201 and ok.json()["outcome"] is None
    dup = await client.post(f"/zones/{ZONE}/requests", json={"kind": "content_change", "summary": "再次"})
    assert dup.status_code == 409 and dup.json()["reasons"][0]["message_en"]


async def test_with_tokens_each_side_acts_only_on_its_own(uow_factory: UowFactory) -> None:
    await feed(uow_factory, designation())

    def bearer(role: str, code: str) -> dict[str, str]:
        return {"authorization": f"Bearer {mint(AUD, 'x', role, code)}"}

    transport = httpx.ASGITransport(app=app_with(uow_factory, auth=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        body = {"kind": "content_change", "summary": "调整"}
        assert (await c.post(f"/zones/{ZONE}/requests", json=body)).status_code == 401
        other = await c.post(f"/zones/{ZONE}/requests", json=body, headers=bearer("applicant", "370102"))
        assert other.status_code == 403
        own = await c.post(f"/zones/{ZONE}/requests", json=body, headers=bearer("applicant", "370103"))
        assert own.status_code == 201
        assert (
            await c.get("/dashboard", params={"within": "370000"}, headers=bearer("reviewer", "370100"))
        ).status_code == 403
        assert (
            await c.get("/dashboard", params={"within": "370100"}, headers=bearer("reviewer", "370100"))
        ).status_code == 200


async def test_with_tokens_zones_and_obligations_are_read_only_within_the_territory(
    uow_factory: UowFactory,
) -> None:
    await feed(uow_factory, designation())  # a zone of 济南市市中区 370103

    def bearer(role: str, code: str) -> dict[str, str]:
        return {"authorization": f"Bearer {mint(AUD, 'x', role, code)}"}

    transport = httpx.ASGITransport(app=app_with(uow_factory, auth=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        for path in ("/zones", f"/zones/{ZONE}", "/obligations"):
            assert (await c.get(path)).status_code == 401, path
        for role, code in (("applicant", "370103"), ("reviewer", "370100"), ("monitor", "370000")):
            who = bearer(role, code)
            assert [z["id"] for z in (await c.get("/zones", headers=who)).json()] == [ZONE], code
            assert (await c.get(f"/zones/{ZONE}", headers=who)).status_code == 200, code
            assert len((await c.get("/obligations", headers=who)).json()) == 7, code
        for role, code in (("applicant", "370102"), ("reviewer", "220000")):
            who = bearer(role, code)
            assert (await c.get("/zones", headers=who)).json() == [], code
            assert (await c.get(f"/zones/{ZONE}", headers=who)).status_code == 404, code
            assert (await c.get("/obligations", headers=who)).json() == [], code
        asked = await c.get("/zones", params={"within": "370000"}, headers=bearer("reviewer", "370100"))
        assert asked.status_code == 403
