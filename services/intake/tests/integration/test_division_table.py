"""Intake refuses an applicant code the official division table does not list (issue 17 point 5): 379999
is six digits but no county (422, in Chinese and English, nothing stored); a newer year's table that
lists it puts it in reach."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from services.intake.tests.integration.conftest import UowFactory, count
from services.intake.tests.integration.test_api import app, body, client  # noqa: F401 (fixtures)
from shared import jurisdictions as j
from shared.divisions.table import parse

pytestmark = pytest.mark.integration

NEWER = "# source: a test\n# year: 2031\ncode,name\n370000,山东省\n370100,济南市\n379999,新区\n"


@pytest.fixture
def newer_year() -> Iterator[None]:
    j.use_division_table(parse(NEWER, "test"))
    yield
    j.use_division_table(None)


def _unit(code: str) -> dict[str, Any]:
    return dict(
        programme="harmonious-demo-liaison", unit_type="street", unit_name="新区街道",
        jurisdiction_code=code, reporting_cadence="half_yearly", contact_email="d@example.gov.cn",
    )  # fmt: skip


async def test_an_unlisted_applicant_code_is_refused_in_both_languages(
    client: httpx.AsyncClient,  # noqa: F811
    uow_factory: UowFactory,
) -> None:
    # 000:41 实验区主要以市辖区为申报单位: the applicant is a county-level unit of the official table
    unlisted = body("national-zones", applicant_code="379999", applicant_name="不存在区")
    checked = await client.post("/applications/check", json=unlisted)
    assert checked.status_code == 200 and checked.json()["ok"] is False, checked.text
    refusals = [
        await client.post("/applications", json=unlisted),
        checked,
        await client.post("/demonstration-units", json=_unit("379999")),
    ]
    for refused in refusals:
        assert refused.status_code in (422, 200), refused.text
        reasons = {r["code"]: r for r in refused.json()["reasons"]}
        reason = reasons["unknown_jurisdiction"]
        assert reason["message_zh"] == "行政区划代码 379999 不在2026年行政区划代码表中"
        assert reason["message_en"] == "jurisdiction code 379999 is not in the 2026 official division table"
    assert len(refusals) == 3 and refusals[0].status_code == refusals[2].status_code == 422
    assert await count(uow_factory(), "applications") == 0 and await count(uow_factory(), "outbox") == 0
    listed = await client.post("/applications/check", json=body("national-zones", applicant_code="429004"))
    assert listed.json()["ok"] is True, listed.text  # 仙桃市, a 省直辖县级行政单位


async def test_a_newer_year_puts_a_new_code_in_reach(
    client: httpx.AsyncClient,  # noqa: F811
    newer_year: None,
) -> None:
    taken = await client.post("/applications/check", json=body("national-zones", applicant_code="379999"))
    assert taken.json()["ok"] is True, taken.text
    gone = await client.post("/applications", json=body("national-zones", applicant_code="370102"))
    assert gone.status_code == 422 and "370102 不在2031年" in gone.text
