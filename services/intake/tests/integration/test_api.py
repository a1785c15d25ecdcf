"""Intake's HTTP routes over real PostgreSQL (the router alone), and a definition changing under it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.entrypoints.api import router
from services.intake.service_layer import following
from services.intake.tests.integration.conftest import UowFactory, arriving, count, decided, reach
from services.intake.tests.unit.drafts import draft
from shared.http.errors import install_error_handlers
from shared.programmes.loader import DEFINITIONS, default_catalogue, load_catalogue
from shared.settings import Settings
from shared.territory import Territory

pytestmark = pytest.mark.integration


def body(key: str, **over: Any) -> dict[str, Any]:
    data = asdict(draft(key, **over))
    data["attestations"] = list(data["attestations"])
    return data


@pytest.fixture
async def app(uow_factory: UowFactory) -> FastAPI:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.territory, app.state.instance = Territory.of("000000"), "intake-000000"
    app.state.catalogue = default_catalogue()
    app.state.settings = Settings(auth_required=False)  # explicit: a router-only app with authentication off
    install_error_handlers(app)
    app.include_router(router)
    return app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        yield c


async def test_programmes_are_listed_and_shown(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/programmes")).json()
    assert len(listed) == 6 and {p["kind"] for p in listed} >= {"application", "dossier", "registration"}
    jilin = (await client.get("/programmes/jilin-zones")).json()
    assert jilin["exclusions"][0]["code"] == "already_national_zone" and jilin["fixed_period_months"] == 24
    assert (await client.get("/programmes/jilin-zones", params={"version": 9})).status_code == 404


async def test_an_application_to_an_unknown_programme_is_refused_as_unknown_programme(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    refused = await client.post(
        "/applications", json={**body("shandong-zones"), "programme": "atlantis-zones"}
    )
    assert refused.status_code == 422 and refused.json()["error"] == "UnknownProgramme"
    [reason] = refused.json()["reasons"]
    assert (reason["code"], reason["field"]) == ("unknown_programme", "programme")
    assert reason["message_zh"] == "没有这个项目：atlantis-zones"
    assert await count(uow_factory(), "applications") == 0


async def test_check_gives_the_same_reasons_as_a_refusal_and_stores_nothing(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    bad = body("shandong-zones", theme="别的", guidance_expert=None)
    check = (await client.post("/applications/check", json=bad)).json()
    refused = await client.post("/applications", json=bad)
    assert refused.status_code == 422 and not check["ok"]
    assert check["reasons"] == refused.json()["reasons"]
    assert [r["code"] for r in check["reasons"]] == ["theme_not_listed", "guidance_expert_missing"]
    assert all(r["message_zh"] and r["message_en"] and r["field"] for r in check["reasons"])
    assert await count(uow_factory(), "applications") == 0 and await count(uow_factory(), "outbox") == 0


async def test_a_demonstration_unit_is_registered_once(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    unit = dict(
        programme="harmonious-demo-liaison",
        unit_type="street",
        unit_name="大观园街道",
        jurisdiction_code="370103",
        reporting_cadence="half_yearly",
        contact_email="d@example.gov.cn",
    )
    created = await client.post("/demonstration-units", json=unit)
    assert created.status_code == 201 and created.json()["liaison_jurisdiction"] == "370000"
    again = await client.post("/demonstration-units", json=unit)
    assert again.status_code == 422 and [r["code"] for r in again.json()["reasons"]] == [
        "duplicate_registration"
    ]
    assert [u["unit_name"] for u in (await client.get("/demonstration-units")).json()] == ["大观园街道"]
    assert await count(uow_factory(), "outbox") == 1


async def test_a_new_version_does_not_touch_applications_already_submitted(
    app: FastAPI, client: httpx.AsyncClient, uow_factory: UowFactory, tmp_path: Path
) -> None:
    first = (await client.post("/applications", json=body("shandong-zones"))).json()
    assert first["programme_version"] == 1 and first["plan_characters"] < 6000

    v1 = (DEFINITIONS / "shandong-zones.v1.toml").read_text(encoding="utf-8")
    v2 = v1.replace("version = 1", "version = 2", 1).replace(
        "plan_min_characters = 4000", "plan_min_characters = 6000"
    )
    (tmp_path / "shandong-zones.v2.toml").write_text(v2, encoding="utf-8")
    app.state.territory, app.state.instance = Territory.of("000000"), "intake-000000"
    app.state.catalogue = catalogue = load_catalogue(DEFINITIONS, tmp_path)
    assert (await client.get("/programmes/shandong-zones")).json()["plan_min_characters"] == 6000
    assert (await client.get("/programmes/shandong-zones", params={"version": 1})).json()[
        "plan_min_characters"
    ] == 4000

    other = await client.post("/applications", json=body("shandong-zones", applicant_code="370104"))
    assert [r["code"] for r in other.json()["reasons"]] == ["plan_too_short"]

    await reach(uow_factory, first["id"], "preliminary_review")
    failed = decided(first["id"], "preliminary_review", "revise")
    await following.handle_stage_decided(failed, arriving(uow_factory, failed), catalogue)
    revised = await client.put(f"/applications/{first['id']}/revisions", json=body("shandong-zones"))
    assert revised.status_code == 200, revised.text
    assert (revised.json()["programme_version"], revised.json()["revision"]) == (1, 1)
    assert len(revised.json()["earlier_revisions"]) == 1
    again = await client.post(f"/applications/{first['id']}/revisions", json=body("shandong-zones"))
    assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "not_awaiting_revision"
