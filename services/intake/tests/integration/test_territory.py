"""Intake takes applications only from applicants it owns: Shandong's intake with Jinan delegated refuses
a Jinan district (403, in Chinese and English, nothing stored) and takes a Qingdao one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from services.intake.entrypoints.api import router
from services.intake.tests.integration.conftest import UowFactory, count
from services.intake.tests.integration.test_api import body
from shared.http.errors import install_error_handlers
from shared.programmes.loader import default_catalogue
from shared.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(service="intake", jurisdiction="370000", delegated="370100", auth_required=False)
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = settings.territory, settings.instance
    app.state.catalogue = default_catalogue()
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        yield c


async def test_an_applicant_of_a_delegated_child_is_refused_in_both_languages(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    jinan = body("shandong-zones")  # 济南市市中区 370103
    assert jinan["applicant_code"] == "370103"
    refusals = [
        await client.post("/applications", json=jinan),
        await client.post("/applications/check", json=jinan),
        await client.post(
            "/demonstration-units",
            json=dict(programme="harmonious-demo-liaison", unit_type="street", unit_name="大观园街道",
                      jurisdiction_code="370103", reporting_cadence="half_yearly",
                      contact_email="d@example.gov.cn"),
        ),
    ]  # fmt: skip
    for refused in refusals:
        assert refused.status_code == 403, refused.text
        [reason] = refused.json()["reasons"]
        assert "intake-370000" in reason["message_zh"] and "不受理 370103" in reason["message_zh"]
        assert "does not take applications of 370103" in reason["message_en"]
    assert len(refusals) == 3
    assert await count(uow_factory(), "applications") == 0 and await count(uow_factory(), "outbox") == 0
    qingdao = body("shandong-zones", applicant_code="370202", applicant_name="青岛市市南区")
    taken = await client.post("/applications/check", json=qingdao)
    assert taken.status_code == 200, taken.text
