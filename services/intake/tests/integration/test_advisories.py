"""A norm the notice states (一般不超过) warns the evaluators and refuses nothing (issue 17, point 10).

001:485 "社区服务设施幅射半径一般不超过2-3公里，社区居民步行前往...一般不超过20分钟"
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from services.intake.tests.integration import test_api
from services.intake.tests.integration.conftest import UowFactory, outbox
from services.intake.tests.unit.drafts import VALID

pytestmark = pytest.mark.integration
app, client, body = test_api.app, test_api.client, test_api.body  # the router over real PostgreSQL


def rural(**form: Any) -> dict[str, Any]:
    return body("rural-full-coverage", form={**VALID["rural-full-coverage"]["form"], **form})


async def test_beyond_the_norm_is_a_warning_on_the_check_not_a_reason(client: httpx.AsyncClient) -> None:
    draft = rural(facility_radius_km=4, walking_minutes=35)
    got = (await client.post("/applications/check", json=draft)).json()
    assert got["ok"] is True and got["reasons"] == []
    warned = {w["field"]: w for w in got["warnings"]}
    assert set(warned) == {"form.facility_radius_km", "form.walking_minutes"}
    assert warned["form.facility_radius_km"]["code"] == "beyond_guidance"
    assert "一般不超过3km" in warned["form.facility_radius_km"]["message_zh"]
    within = (await client.post("/applications/check", json=rural(facility_radius_km=2.5))).json()
    assert within["ok"] is True and within["warnings"] == []


async def test_the_warning_is_kept_and_travels_to_the_evaluators(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    created = await client.post("/applications", json=rural(facility_radius_km=4))
    assert created.status_code == 201, created.text
    history = created.json()["history"]
    assert [h["what"] for h in history] == ["submitted", "beyond_guidance"]
    rows = await outbox(uow_factory())
    assert len(rows) == 1
    (advice,) = rows[0][1]["advisories"]
    assert advice["code"] == "beyond_guidance" and advice["field"] == "form.facility_radius_km"


async def test_a_negative_radius_is_still_refused(client: httpx.AsyncClient) -> None:
    got = (await client.post("/applications/check", json=rural(facility_radius_km=-1))).json()
    assert got["ok"] is False and [r["code"] for r in got["reasons"]] == ["field_out_of_range"]
