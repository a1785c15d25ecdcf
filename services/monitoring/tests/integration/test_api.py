"""Monitoring's HTTP routes over real PostgreSQL (the router alone: no broker, no relay)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from services.monitoring.entrypoints.api import router
from services.monitoring.service_layer import handlers
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.samples import designation, sent
from shared.http.errors import install_error_handlers
from shared.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.settings = Settings(auth_required=False)  # explicit: a router-only app with authentication off
    install_error_handlers(app)
    app.include_router(router)
    await handlers.handle_zone_designated(designation(), uow_factory(sent(designation())))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://monitoring") as c:
        yield c


async def test_list_then_detail(client: httpx.AsyncClient) -> None:
    zones = (await client.get("/zones", params={"application_id": "app-1", "within": "370100"})).json()
    assert [(z["id"], z["state"], z["designated_by"]) for z in zones] == [
        (designation().zone_id, "active", "370000")
    ]
    detail = (await client.get(f"/zones/{zones[0]['id']}")).json()
    first = detail["obligations"][0]
    assert (first["kind"], first["title"], first["due_on"]) == (
        "annual_plan",
        "2027年度实验计划",
        "2027-10-01",
    )
    assert (await client.get("/zones", params={"within": "220000"})).json() == []


async def test_obligations_due_before(client: httpx.AsyncClient) -> None:
    due = (await client.get("/obligations", params={"due_before": "2027-10-02", "state": "upcoming"})).json()
    assert [o["title"] for o in due] == ["2027年度实验计划"]
    assert (await client.get("/obligations", params={"due_before": "2027-10-01"})).json() == []


async def test_unknown_zone_is_404_in_chinese_and_english(client: httpx.AsyncClient) -> None:
    res = await client.get("/zones/nope")
    assert res.status_code == 404
    [reason] = res.json()["reasons"]
    assert (reason["message_zh"], reason["message_en"]) == ("实验区不存在：nope", "zone not found: nope")


async def test_bad_filters_are_refused(client: httpx.AsyncClient) -> None:
    res = await client.get("/zones", params={"within": "37"})
    assert res.status_code == 422 and res.json()["reasons"][0]["code"] == "invalid_jurisdiction"
    assert (await client.get("/obligations", params={"state": "nope"})).status_code == 422
    assert (await client.get("/obligations", params={"due_before": "2027-13-01"})).status_code == 422
