"""Issue 17 point 9 through the HTTP API on real PostgreSQL: a zone reports progress whenever it has
something to report, not for an obligation; a demonstration unit's supervising levels inspect it; a
monitoring instance that only mirrors a zone takes none of these writes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.monitoring.tests.integration.conftest import UowFactory, count
from services.monitoring.tests.integration.life import feed, outbox
from services.monitoring.tests.integration.supervision import app_of, bearer, client
from services.monitoring.tests.integration.test_inspections import inspection
from services.monitoring.tests.integration.test_zone_endings import NATIONAL, unit
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock
from shared.events.schemas import ZoneProgressReported

pytestmark = pytest.mark.integration
SHANDONGS = designation()  # 济南市市中区 370103, a Shandong provincial zone


async def test_a_zone_reports_progress_at_any_time_and_its_supervisors_are_named(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """001:417 "临时工作信息可随时报送"; 000:47 "及时通报工作进展和成效"."""
    await feed(uow_factory, SHANDONGS)
    clock.advance(timedelta(days=45))  # no obligation falls due today
    app = app_of(uow_factory)
    url = f"/zones/{SHANDONGS.zone_id}/progress-reports"
    county = bearer(app, "applicant", "370103")
    async with client(app) as c:
        before = (await c.get(f"/zones/{SHANDONGS.zone_id}", headers=county)).json()["obligations"]
        body = {"title": "“红色物业”试点进展", "text": "已在12个小区建立红色物业联盟……"}
        made = await c.post(url, json=body, headers=county)
        assert made.status_code == 201, made.text
        other = await c.post(url, json=body, headers=bearer(app, "applicant", "370102"))
        assert other.status_code == 403
        bad = await c.post(url, json={"title": "", "text": " ", "inspection_id": "x"}, headers=county)
        assert [r["code"] for r in bad.json()["reasons"]] == [
            "title_invalid", "text_missing", "inspection_unknown"
        ]  # fmt: skip
        clock.advance(timedelta(hours=1))
        inspected = await c.post(
            f"/zones/{SHANDONGS.zone_id}/inspections", json=inspection(inspected_on="2027-10-10"),
            headers=bearer(app, "reviewer", "370000"),
        )  # fmt: skip
        follow = {
            "title": "整改情况",
            "text": "居民议事会已按月召开。",
            "inspection_id": inspected.json()["id"],
        }
        assert (await c.post(url, json=follow, headers=county)).status_code == 201
        zone = (await c.get(f"/zones/{SHANDONGS.zone_id}", headers=county)).json()
    assert [(r["title"], r["inspection_id"]) for r in zone["progress_reports"]] == [
        ("“红色物业”试点进展", None), ("整改情况", inspected.json()["id"])
    ]  # fmt: skip
    assert zone["obligations"] == before  # nothing owed was filed or changed
    events = await outbox(uow_factory, ZoneProgressReported.type)
    assert [(e["report_title"], e["supervisors"], e["authority"]) for e in events] == [
        ("“红色物业”试点进展", ["370000"], "370000"), ("整改情况", ["370000"], "370000")
    ]  # fmt: skip
    assert "已在12个小区" not in str(events)  # the text stays with monitoring
    assert await count(uow_factory(), "progress_reports") == 2


async def test_a_demonstration_units_province_inspects_and_the_ministry_runs_mutual_checks(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查…必要时民政部可组织全国示范
    单位之间进行互查"."""
    await feed(uow_factory, unit())  # 大观园街道 in 370103, liaised by the province 370000
    clock.advance(timedelta(days=100))
    app = app_of(uow_factory)
    url = f"/zones/{unit().unit_id}/inspections"
    async with client(app) as c:
        by_province = await c.post(url, json=inspection(inspected_on="2027-12-01"),
                                   headers=bearer(app, "reviewer", "370000"))  # fmt: skip
        mutual = await c.post(url, json=inspection(kind="mutual_check", inspected_on="2027-12-05"),
                              headers=bearer(app, "monitor", "000000"))  # fmt: skip
        by_district = await c.post(url, json=inspection(inspected_on="2027-12-01"),
                                   headers=bearer(app, "reviewer", "370103"))  # fmt: skip
    assert (by_province.status_code, mutual.status_code, by_district.status_code) == (201, 201, 403)
    assert await count(uow_factory(), "zone_inspections") == 2


async def test_a_mirror_takes_no_inspection_proposal_or_report(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """000:49 "加强对实验区的跟踪指导和日常管理": one place keeps the record (issue 13's keeper); the
    province's own instance only mirrors the ministry's zone and answers 409, changing nothing."""
    await feed(uow_factory, NATIONAL)
    clock.advance(timedelta(days=200))
    app = app_of(uow_factory, jurisdiction="370000")  # Shandong's monitoring: a mirror of NATIONAL
    url = f"/zones/{NATIONAL.zone_id}"
    province = bearer(app, "reviewer", "370000")
    async with client(app) as c:
        answers = [
            await c.post(f"{url}/inspections", json=inspection(), headers=province),
            await c.post(f"{url}/revocation-proposals", json={"inspection_id": "x", "summary": "s"},
                         headers=province),
            await c.post(f"{url}/progress-reports", json={"title": "t", "text": "x"},
                         headers=bearer(app, "applicant", "370102")),
        ]  # fmt: skip
    assert [a.status_code for a in answers] == [409, 409, 409]
    assert {a.json()["reasons"][0]["code"] for a in answers} == {"kept_elsewhere"}
    assert (
        await count(uow_factory(), "zone_inspections") + await count(uow_factory(), "progress_reports") == 0
    )
