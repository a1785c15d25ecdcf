"""Intake with bearer tokens required: unauthenticated 401, out of territory 403/404, never data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from services.intake.entrypoints.api import router
from services.intake.tests.integration.conftest import UowFactory
from services.intake.tests.integration.test_api import body
from shared.http.errors import install_error_handlers
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from shared.territory import Territory
from tests.support.issuer import ISSUERS, mint

pytestmark = pytest.mark.integration
AUD = Settings(service="intake").audience  # the instance a token must name


def bearer(role: str, code: str) -> dict[str, str]:
    token = mint(AUD, f"{role}@{code}", role, code)
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
async def client(uow_factory: UowFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = Territory.of("000000"), "intake-000000"
    app.state.catalogue = default_catalogue()
    app.state.runtime = SimpleNamespace(settings=Settings(auth_required=True, token_issuers=ISSUERS))
    install_error_handlers(app)
    app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        yield c


async def test_no_token_is_401_and_a_forged_one_too(client: httpx.AsyncClient) -> None:
    assert (await client.get("/programmes")).status_code == 401
    forged = {"authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0."}  # alg none
    resp = await client.get("/programmes", headers=forged)
    assert resp.status_code == 401 and resp.json()["reasons"][0]["code"] == "unauthenticated"
    reason = resp.json()["reasons"][0]
    assert reason["message_zh"] == "未认证：令牌算法不被接受（仅 EdDSA、ES256）"
    assert reason["message_en"] == "not authenticated: algorithm 'none' not accepted (EdDSA, ES256)"
    missing = (await client.get("/programmes")).json()["reasons"][0]
    assert (missing["message_zh"], missing["message_en"]) == (
        "未认证：缺少 Bearer 令牌",
        "not authenticated: missing bearer token",
    )


async def test_a_county_submits_only_for_itself_and_sees_only_its_own(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    shizhong, lixia = bearer("applicant", "370103"), bearer("applicant", "370102")
    refused = await client.post("/applications", json=body("shandong-zones"), headers=lixia)
    assert refused.status_code == 403
    created = await client.post("/applications", json=body("shandong-zones"), headers=shizhong)
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    assert (await client.get(f"/applications/{app_id}", headers=lixia)).status_code == 404
    assert (await client.get("/applications", headers=lixia)).json() == []
    own = await client.get(f"/applications/{app_id}", headers=shizhong)
    assert own.status_code == 200
    sent = body("shandong-zones")
    shown = own.json()  # what the county filed, in full: plan, mailbox, guidance expert
    assert (shown["plan"], shown["contact_email"]) == (sent["plan"], sent["contact_email"])
    assert shown["guidance_expert"] == sent.get("guidance_expert")


async def test_a_prefecture_sees_its_counties_and_a_reviewer_cannot_submit(client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/applications", json=body("shandong-zones"), headers=bearer("applicant", "370103")
    )
    app_id = created.json()["id"]
    jinan, qingdao = bearer("reviewer", "370100"), bearer("reviewer", "370200")
    assert (await client.get(f"/applications/{app_id}", headers=jinan)).status_code == 200
    assert (await client.get(f"/applications/{app_id}", headers=qingdao)).status_code == 404
    assert [a["id"] for a in (await client.get("/applications", headers=jinan)).json()] == [app_id]
    assert (await client.get("/applications", headers=qingdao)).json() == []
    again = await client.post("/applications", json=body("shandong-zones"), headers=jinan)
    assert again.status_code == 403 and again.json()["reasons"][0]["code"] == "forbidden"


async def test_an_expert_is_refused_the_original_dossier_whatever_their_territory(
    client: httpx.AsyncClient,
) -> None:
    created = await client.post(
        "/applications", json=body("shandong-zones"), headers=bearer("applicant", "370103")
    )
    app_id = created.json()["id"]
    for expert in (bearer("expert", "000000"), bearer("expert", "370000")):
        for path in (f"/applications/{app_id}", "/applications"):
            refused = await client.get(path, headers=expert)
            assert refused.status_code == 403, path
            [reason] = refused.json()["reasons"]
            assert "专家" in reason["message_zh"] and "expert" in reason["message_en"]
            assert app_id not in refused.text and "370103" not in refused.text
