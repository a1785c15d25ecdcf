"""Registers at intake over real PostgreSQL (issue 17 point 4): each check through the HTTP API, and the
register event received from its holder, refused from anyone else, an older version ignored.

Seeds quoted:
  004:49  已被民政部列为全国实验区的单位不再申报省级实验区
  001:499 民政部确定的全国农村社区建设实验单位只要达到创建标准就可以向民政部申请自荐
  003:29  申报单位要邀请全国基层政权和社区建设专家委员会或山东省基层政权建设和社区治理
          专家委员会委员作为指导专家
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.entrypoints.register_api import router as register_router
from services.intake.service_layer.registers import (
    handle_load_register,
    handle_register_published,
    list_registers,
)
from services.intake.tests.integration.conftest import NOW, UowFactory, count, outbox
from services.intake.tests.integration.test_api import app, body  # noqa: F401  (the router-only app)
from shared.errors import Quarantined, Refused
from shared.events.envelope import Envelope
from shared.events.schemas.registers import RegisterEntry, RegisterPublished
from shared.registers.content import RegisterContent

pytestmark = pytest.mark.integration
SAMPLE = "示例（虚构）/ sample (fictional)"
SHANDONG_COMMITTEE = "山东省基层政权建设和社区治理专家委员会"


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:  # noqa: F811
    app.include_router(register_router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as c:
        yield c


def published(
    kind: str, *entries: RegisterEntry, version: int = 1, holder: str = "000000"
) -> RegisterPublished:
    return RegisterPublished(
        kind=kind, version=version, holder=holder, source=SAMPLE, published_on=date(2027, 1, 4),
        entries=list(entries), loaded_at=NOW,
    )  # fmt: skip


async def receive(uow_factory: UowFactory, event: RegisterPublished, sender: str) -> None:
    """Intake applies `event` as sent by `sender` (<code>/<service>)."""
    cause = Envelope.wrap(event, source=f"/jurisdictions/{sender}", time=NOW)
    await handle_register_published(event, uow_factory(cause=cause))


async def submit(client: httpx.AsyncClient, key: str, **over: Any) -> httpx.Response:
    return await client.post("/applications", json=body(key, **over))


def codes(answer: httpx.Response, part: str = "reasons") -> list[str]:
    return [r["code"] for r in answer.json()[part]]


async def test_jilin_refuses_a_district_the_ministrys_register_names(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    """004:49 已被民政部列为全国实验区的单位不再申报省级实验区 — also one named before the system."""
    before = await submit(client, "jilin-zones", applicant_code="220102", applicant_name="长春市南关区")
    assert before.status_code == 201 and codes(before, "warnings") == ["register_not_loaded"]
    assert "全国社区治理和服务创新实验区名录" in before.json()["warnings"][0]["message_zh"]

    await receive(
        uow_factory,
        published("national-zones", RegisterEntry(code="220104", name="长春市朝阳区")),
        "000000/intake",
    )
    refused = await submit(client, "jilin-zones")  # 220104 长春市朝阳区
    assert refused.status_code == 422 and codes(refused) == ["already_national_zone"]
    [reason] = refused.json()["reasons"]
    assert reason["message_zh"].startswith("已被民政部列为全国实验区的单位不再申报省级实验区（名录第1版")
    assert SAMPLE in reason["message_zh"] and "register version 1" in reason["message_en"]
    taken = await submit(client, "jilin-zones", applicant_code="220105", applicant_name="长春市二道区")
    assert taken.status_code == 201 and taken.json()["warnings"] == []
    assert await count(uow_factory(), "applications") == 2  # the refused one stored nothing


async def test_the_rural_programme_admits_only_units_the_ministrys_register_lists(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    """001:499 民政部确定的全国农村社区建设实验单位 … 可以向民政部申请自荐: listed, not self-attested."""
    before = await submit(client, "rural-full-coverage", applicant_code="370124", applicant_name="平阴县")
    assert before.status_code == 201 and codes(before, "warnings") == ["register_not_loaded"]
    assert before.json()["warnings"][0]["field"] == "applicant_code"

    unit = RegisterEntry(code="370102", name="济南市历下区", batch="第一批")
    await receive(uow_factory, published("rural-experimental-units", unit), "000000/intake")
    refused = await submit(client, "rural-full-coverage")  # 370112 济南市历城区, not listed
    assert refused.status_code == 422 and codes(refused) == ["not_in_register"]
    assert "全国农村社区建设实验单位" in refused.json()["reasons"][0]["message_zh"]
    check = (await client.post("/applications/check", json=body("rural-full-coverage"))).json()
    assert [r["code"] for r in check["reasons"]] == ["not_in_register"] and check["warnings"] == []
    taken = await submit(
        client, "rural-full-coverage", applicant_code="370102", applicant_name="济南市历下区"
    )
    assert taken.status_code == 201 and taken.json()["warnings"] == []
    assert await count(uow_factory(), "applications") == 2


async def test_shandongs_guidance_expert_must_be_on_a_recognised_committees_roster(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    """003:29 邀请全国…或山东省基层政权建设和社区治理专家委员会委员作为指导专家."""
    before = await submit(client, "shandong-zones", guidance_expert="王教授")
    assert before.status_code == 201 and [(w["code"], w["field"]) for w in before.json()["warnings"]] == [
        ("register_not_loaded", "guidance_expert")
    ]
    roster = published(
        "shandong-expert-committees",
        RegisterEntry(name="王振华", committee=SHANDONG_COMMITTEE),
        holder="370000",
    )
    await receive(uow_factory, roster, "370000/intake")
    other = dict(applicant_code="370102", applicant_name="济南市历下区")
    refused = await submit(client, "shandong-zones", guidance_expert="王教授", **other)
    assert refused.status_code == 422 and codes(refused) == ["guidance_expert_not_listed"]
    assert "王教授" in refused.json()["reasons"][0]["message_zh"]
    taken = await submit(client, "shandong-zones", guidance_expert=f"王振华（{SHANDONG_COMMITTEE}）", **other)
    assert taken.status_code == 201 and taken.json()["warnings"] == []


async def test_a_register_is_kept_from_its_holder_only_and_never_replaced_by_an_older_version(
    uow_factory: UowFactory,
) -> None:
    v1 = published("national-zones", RegisterEntry(code="220104", name="长春市朝阳区"))
    v2 = v1.model_copy(
        update={"version": 2, "entries": [*v1.entries, RegisterEntry(code="110101", name="东城区")]}
    )
    await receive(uow_factory, v2, "000000/intake")
    await receive(uow_factory, v1, "000000/intake")  # older: ignored, its claim kept
    await receive(uow_factory, v2, "000000/intake")  # the same version again: ignored
    forged = v1.model_copy(update={"version": 9, "holder": "370000"})
    for event, sender in [
        (forged, "370000/intake"),  # Shandong does not hold the national list
        (v1.model_copy(update={"version": 9}), "370000/intake"),  # claims the ministry, sent by Shandong
        (v1.model_copy(update={"version": 9}), "000000/review"),  # the ministry, but not its intake
        (published("unheard-of", version=9), "000000/intake"),  # a kind this deployment does not know
        (published("shandong-expert-committees", version=9), "000000/intake"),  # held by 370000
    ]:
        with pytest.raises(Quarantined) as refused:
            await receive(uow_factory, event, sender)
        assert refused.value.reasons[0].code == "not_register_holder"
    [kept] = await list_registers(uow_factory())
    assert (kept.kind, kept.version, [e.code for e in kept.entries]) == (
        "national-zones",
        2,
        ["220104", "110101"],
    )
    assert await outbox(uow_factory()) == []  # receiving publishes nothing


async def test_the_registers_kept_are_listed_and_shown(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    assert (await client.get("/registers")).json() == []
    assert (await client.get("/registers/national-zones")).status_code == 404
    await receive(
        uow_factory,
        published("national-zones", RegisterEntry(code="220104", name="长春市朝阳区")),
        "000000/intake",
    )
    [listed] = (await client.get("/registers")).json()
    assert (listed["kind"], listed["version"], listed["size"], "entries" in listed) == (
        "national-zones",
        1,
        1,
        False,
    )
    shown = (await client.get("/registers/national-zones")).json()
    assert shown["source"] == SAMPLE and shown["entries"] == [
        {"name": "长春市朝阳区", "code": "220104", "committee": None, "batch": None}
    ]


async def test_two_loads_racing_publish_one_version_and_refuse_the_other(uow_factory: UowFactory) -> None:
    """The holder's own loads: version n+1 is written once; the loser publishes nothing."""
    content = RegisterContent(
        "national-zones", SAMPLE, date(2027, 1, 4), (RegisterEntry(code="220104", name="朝阳区"),)
    )
    results = await asyncio.gather(
        *(handle_load_register(content, uow_factory(), "000000") for _ in range(2)), return_exceptions=True
    )
    won = [r for r in results if not isinstance(r, BaseException)]
    lost = [r for r in results if isinstance(r, Refused)]
    assert len(won) == len(lost) == 1 and lost[0].reasons[0].code == "concurrent_load"
    assert [(t, p["version"]) for t, p in await outbox(uow_factory())] == [("zones.register.published.v1", 1)]
    with pytest.raises(Refused) as elsewhere:  # 004:49's list is the ministry's, not a province's
        await handle_load_register(content, uow_factory(), "220000")
    assert elsewhere.value.reasons[0].code == "not_register_holder"
    assert len(await outbox(uow_factory())) == 1
