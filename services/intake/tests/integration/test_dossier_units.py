"""Top-10 dossiers are the applying unit's: a street and its district can both have one open.

002:176 "3.政府购买社区服务机制创新(上海市静安区曹家渡街道党工委、办事处)" — a street's party working
committee files beside 002:76 "(广东省深圳市罗湖区区委、区政府)" entries; both under their county's code
(top10-innovation: 以所在县级代码申报). An application to a zone programme stays one per county.
"""

from __future__ import annotations

import httpx
import pytest

from services.intake.tests.integration import test_api
from services.intake.tests.integration.conftest import UowFactory, count
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW
from shared.clock import FixedClock

pytestmark = pytest.mark.integration
app, client, body = test_api.app, test_api.client, test_api.body  # the router over real PostgreSQL


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(IN_EVERY_WINDOW)  # the top-10 round is open


STREET, DISTRICT = "上海市静安区曹家渡街道党工委、办事处", "上海市静安区区委、区政府"


def dossier(name: str) -> dict[str, object]:
    return body("top10-innovation", applicant_code="310106", applicant_name=name)


async def test_a_street_and_its_district_both_file_a_dossier(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    for name in (STREET, DISTRICT):
        assert (await client.post("/applications/check", json=dossier(name))).json()["ok"] is True
        created = await client.post("/applications", json=dossier(name))
        assert created.status_code == 201, created.text
    assert await count(uow_factory(), "applications") == 2


async def test_the_same_unit_twice_is_refused_whatever_its_spacing(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    assert (await client.post("/applications", json=dossier(STREET))).status_code == 201
    again = await client.post("/applications", json=dossier(" 上海市静安区 曹家渡街道党工委、办事处"))
    assert again.status_code == 422
    assert [r["code"] for r in again.json()["reasons"]] == ["duplicate_open_application"]
    checked = (await client.post("/applications/check", json=dossier(STREET))).json()
    assert [r["code"] for r in checked["reasons"]] == ["duplicate_open_application"]
    assert await count(uow_factory(), "applications") == 1


async def test_a_county_still_has_one_open_application_whatever_name_it_gives(
    client: httpx.AsyncClient, uow_factory: UowFactory
) -> None:
    first = body("national-zones", applicant_name="济南市市中区")
    assert (await client.post("/applications", json=first)).status_code == 201
    renamed = await client.post("/applications", json={**first, "applicant_name": "市中区人民政府"})
    assert [r["code"] for r in renamed.json()["reasons"]] == ["duplicate_open_application"]
    assert await count(uow_factory(), "applications") == 1
