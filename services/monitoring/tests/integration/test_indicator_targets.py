"""Issue 17 point 10: the 2011–2015 community service plan's targets for every community (001:49–121)
are indicators of the zone programmes, and the dashboard shows each target against the value reported,
through the HTTP API on real PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import feed
from services.monitoring.tests.integration.supervision import app_of, bearer, client
from services.monitoring.tests.integration.test_zone_endings import JILIN, NATIONAL
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock

pytestmark = pytest.mark.integration

# key: (the seed line's words, its line, target, what 历下区 reports, met?)
PLAN = {
    # 001:49 "力争到“十二五”期末,基本公共服务项目覆盖到所有社区。"
    "public_services_coverage": ("基本公共服务项目覆盖到所有社区", "001:49", 100, 100, True),
    # 001:51 "每个社区至少拥有一名大学生或一名社会工作专业人员"
    "graduate_or_social_worker": ("至少拥有一名大学生或一名社会工作专业人员", "001:51", 100, 96, False),
    # 001:51 "80%以上的社区党员和30%以上的社区居民参与社区志愿服务活动"
    "party_member_volunteering": ("80%以上的社区党员", "001:51", 80, 85, True),
    "resident_volunteering": ("30%以上的社区居民参与社区志愿服务活动", "001:51", 30, 22.5, False),
    # 001:121 "每个社区拥有5支以上志愿者服务队伍"
    "volunteer_teams": ("每个社区拥有5支以上志愿者服务队伍", "001:121", 5, 6, True),
    # 001:81 "根据工作需要每个社区建设一个综合性、多功能的社区服务站;
    #         实现每个街道至少拥有一个综合性的社区服务中心"
    "service_station_coverage": ("每个社区建设一个综合性、多功能的社区服务站", "001:81", 100, 100, True),
    "service_centre_coverage": ("每个街道至少拥有一个综合性的社区服务中心", "001:81", 100, 75, False),
    # 001:67 "50%以上的城市、城区建有“全民健身活动中心”,50%以上的街道、社区建有便捷、实用的体育健身设施"
    "fitness_facility_coverage": ("50%以上的街道、社区建有便捷、实用的体育健身设施", "001:67", 50, 64, True),
    "fitness_centre": ("50%以上的城市、城区建有“全民健身活动中心”", "001:67", 0.5, 1, True),
}  # fmt: skip


async def test_the_plans_targets_for_every_community_are_charted_against_what_zones_report(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    await feed(uow_factory, NATIONAL)  # 济南市历下区, a national zone
    await feed(uow_factory, designation())  # 济南市市中区, a Shandong zone: reports nothing yet
    clock.advance(timedelta(days=10))
    app = app_of(uow_factory)
    county, province = bearer(app, "applicant", "370102"), bearer(app, "monitor", "370000")
    async with client(app) as c:
        plan = (await c.get(f"/zones/{NATIONAL.zone_id}", headers=county)).json()["obligations"][0]
        values = {key: row[3] for key, row in PLAN.items()}
        url = f"/zones/{NATIONAL.zone_id}/obligations/{plan['id']}/submissions"
        filed = await c.post(url, json={"text": "2027年度实验计划……", "indicators": values}, headers=county)
        assert filed.status_code == 201, filed.text
        chart = (await c.get("/dashboard", params={"within": "370000"}, headers=province)).json()
    shown = {i["key"]: i for i in chart["indicators"]}
    for key, (words, line, target, reported, met) in PLAN.items():
        row = shown[key]
        assert words in row["source"] and line in row["source"], key  # the notice's words, quoted
        assert (row["target"], row["comparison"], row["reported"], row["met"]) == (
            target,
            ">=",
            reported,
            met,
        )
        assert (row["zones_reporting"], row["zones_meeting"]) == (1, int(met)), key
        assert row["series"] == [{"year": 2027, "value": reported, "zones": 1, "met": met}], key
    assert len(PLAN) == 9 and len(shown) == 15  # with the six targets the programmes had before
    assert shown["facility_coverage"]["reported"] is None and shown["facility_coverage"]["met"] is None


async def test_each_zone_programme_carries_the_plans_targets(uow_factory: UowFactory) -> None:
    """000:35 "认真落实《社区服务体系规划建设规划（2011-2015年）》": national, Shandong and Jilin zones
    alike."""
    for designated in (NATIONAL, designation(), JILIN):
        await feed(uow_factory, designated)
    app = app_of(uow_factory)
    async with client(app) as c:
        for within in ("370102", "370103", "220104"):
            chart = await c.get(
                "/dashboard", params={"within": within}, headers=bearer(app, "monitor", "000000")
            )
            assert set(PLAN) <= {i["key"] for i in chart.json()["indicators"]}, within
