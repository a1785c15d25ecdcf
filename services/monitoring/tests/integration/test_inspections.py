"""Issue 17 point 9, dynamic management beyond deadlines, through the HTTP API on real PostgreSQL: the
supervising levels of a national zone (the ministry, the province it lies in) record inspections with
findings; a poor one grounds a revocation proposal that the designating authority decides through
review; nobody else may inspect, and bad input changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from services.monitoring.tests.integration.conftest import UowFactory, count
from services.monitoring.tests.integration.life import decided, feed, outbox
from services.monitoring.tests.integration.supervision import app_of, bearer, client
from services.monitoring.tests.integration.test_zone_endings import NATIONAL
from shared.clock import FixedClock
from shared.events.envelope import Envelope
from shared.events.schemas import ZoneInspected, ZoneRequestFiled
from shared.programmes.loader import default_catalogue
from shared.security.policy import authority_problem

pytestmark = pytest.mark.integration
ZONE = NATIONAL.zone_id  # 济南市历下区 370102, designated by the ministry
URL = f"/zones/{ZONE}"
FINDINGS = "社区议事协商制度未落实，居民议事会全年仅召开1次；社区服务站未向居民开放。"


def inspection(**over: Any) -> dict[str, Any]:
    body = {
        "kind": "inspection",
        "inspected_on": "2028-03-15",
        "findings": FINDINGS,
        "rating": "needs_improvement",
        "follow_up_required": True,
        "follow_up": "按月召开居民议事会，社区服务站全天开放",
        "follow_up_by": "2028-06-30",
        "inspector": "山东省民政厅 王敏",
    }
    return {**body, **over}


def gate(event: Any) -> str | None:
    """What the receivers' gate says of `event` from this (the keeper's) monitoring instance."""
    env = Envelope.wrap(
        event,
        source="/jurisdictions/000000/monitoring",
        time=event.recorded_at if hasattr(event, "recorded_at") else event.filed_at,
    )
    return authority_problem(env, event, default_catalogue())


async def test_the_province_and_the_ministry_inspect_a_national_zone_and_nobody_else_may(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """000:49 "同时建立实验区工作的动态管理制度，按照实验方案对创新实验工作进行考核评价和检查验收";
    001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查…必要时民政部可组织全国示范
    单位之间进行互查"."""
    await feed(uow_factory, NATIONAL)
    clock.advance(timedelta(days=200))  # 2028-03-19
    app = app_of(uow_factory)
    province, ministry = bearer(app, "reviewer", "370000"), bearer(app, "monitor", "000000")
    async with client(app) as c:
        made = await c.post(f"{URL}/inspections", json=inspection(), headers=province)
        assert made.status_code == 201, made.text
        assert made.json()["inspected_by"] == "370000"  # the token's jurisdiction, not the body's
        clock.advance(timedelta(hours=2))
        assessed = await c.post(
            f"{URL}/inspections",
            json=inspection(kind="assessment", rating="good", follow_up_required=False, follow_up="",
                            follow_up_by=None, inspector="民政部 基层政权司 李强"),
            headers=ministry,
        )  # fmt: skip
        assert assessed.status_code == 201, assessed.text
        refused = {
            "the prefecture between them": (bearer(app, "reviewer", "370100"), 403),
            "the county itself": (bearer(app, "applicant", "370102"), 403),
            "another province": (bearer(app, "reviewer", "220000"), 404),
        }
        for who, (headers, status) in refused.items():
            answer = await c.post(f"{URL}/inspections", json=inspection(), headers=headers)
            assert answer.status_code == status, who
        mutual = await c.post(f"{URL}/inspections", json=inspection(kind="mutual_check"), headers=province)
        assert mutual.status_code == 403 and "民政部" in mutual.json()["reasons"][0]["message_zh"]
        zone = (await c.get(URL, headers=bearer(app, "applicant", "370102"))).json()  # visible on the zone
    assert [(i["inspected_by"], i["rating"], i["findings"][:6]) for i in zone["inspections"]] == [
        ("370000", "needs_improvement", FINDINGS[:6]),
        ("000000", "good", FINDINGS[:6]),
    ]
    events = [ZoneInspected.model_validate(e) for e in await outbox(uow_factory, ZoneInspected.type)]
    assert [(e.inspected_by, e.supervisors, e.follow_up_by) for e in events] == [
        ("370000", ["000000", "370000"], date(2028, 6, 30)),
        ("000000", ["000000", "370000"], None),
    ]
    assert events[0].inspector.startswith("inspector:370000:") and "王敏" not in str(events[0])
    assert [gate(e) for e in events] == [None, None]
    forged = events[0].model_copy(update={"inspected_by": "370100"})
    assert "does not supervise" in (gate(forged) or "")
    assert await count(uow_factory(), "zone_inspections") == 2


async def test_bad_inspections_are_refused_with_every_reason_and_change_nothing(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """000:49 "按照实验方案对创新实验工作进行考核评价和检查验收": a record says what was found."""
    await feed(uow_factory, NATIONAL)
    clock.advance(timedelta(days=200))
    app = app_of(uow_factory)
    async with client(app) as c:
        bad = inspection(
            kind="visit", rating="so-so", findings=" ", inspected_on="2028-04-01", follow_up="", inspector=""
        )
        answer = await c.post(f"{URL}/inspections", json=bad, headers=bearer(app, "reviewer", "370000"))
    assert answer.status_code == 422
    assert [r["code"] for r in answer.json()["reasons"]] == [
        "unknown_inspection_kind", "unknown_rating", "findings_missing", "inspected_on_invalid",
        "follow_up_missing", "inspector_missing",
    ]  # fmt: skip
    assert all(r["message_zh"] and r["message_en"] for r in answer.json()["reasons"])
    assert await count(uow_factory(), "zone_inspections") == 0
    assert await outbox(uow_factory, ZoneInspected.type) == []


async def test_a_poor_inspection_grounds_a_revocation_proposal_the_ministry_decides(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """001:425 "对工作成效不明显、示范作用不强的及时督促改进；对长期工作不力、改进效果不明显的，
    建议取消示范单位称号"; 000:47 "凡涉及…实验中止等事项，均应报部批准后方可进行"."""
    await feed(uow_factory, NATIONAL)
    clock.advance(timedelta(days=200))
    app = app_of(uow_factory)
    province = bearer(app, "reviewer", "370000")
    async with client(app) as c:
        good = await c.post(f"{URL}/inspections", json=inspection(rating="good", follow_up_required=False,
                            follow_up="", follow_up_by=None), headers=province)  # fmt: skip
        poor = await c.post(f"{URL}/inspections", json=inspection(rating="poor"), headers=province)
        propose = f"{URL}/revocation-proposals"
        on_good = await c.post(propose, json={"inspection_id": good.json()["id"], "summary": "建议撤销"},
                               headers=province)  # fmt: skip
        assert on_good.status_code == 422
        assert [r["code"] for r in on_good.json()["reasons"]] == ["inspection_not_poor"]
        unknown = await c.post(propose, json={"inspection_id": "nope", "summary": ""}, headers=province)
        assert [r["code"] for r in unknown.json()["reasons"]] == ["inspection_unknown", "summary_missing"]
        by_city = await c.post(propose, json={"inspection_id": poor.json()["id"], "summary": "建议撤销"},
                               headers=bearer(app, "reviewer", "370100"))  # fmt: skip
        assert by_city.status_code == 403
        assert await outbox(uow_factory, ZoneRequestFiled.type) == []  # nothing filed so far

        summary = f"经2028年3月15日检查：{FINDINGS}长期工作不力，建议撤销。"
        made = await c.post(propose, json={"inspection_id": poor.json()["id"], "summary": summary},
                            headers=province)  # fmt: skip
        assert made.status_code == 201, made.text
        again = await c.post(propose, json={"inspection_id": poor.json()["id"], "summary": summary},
                             headers=bearer(app, "monitor", "000000"))  # fmt: skip
        assert again.status_code == 409 and again.json()["reasons"][0]["code"] == "request_pending"
    [filed] = await outbox(uow_factory, ZoneRequestFiled.type)
    assert (filed["kind"], filed["filed_by"], filed["authority"]) == ("revocation", "370000", "000000")
    assert filed["inspection_id"] == poor.json()["id"] and filed["supervisors"] == ["000000", "370000"]
    assert gate(ZoneRequestFiled.model_validate(filed)) is None  # receivers accept it
    forged = ZoneRequestFiled.model_validate({**filed, "filed_by": "370100"})
    assert "filed by the zone, its authority or supervisors" in (gate(forged) or "")

    await feed(uow_factory, decided(filed, "revoked"))  # the ministry's review decides it
    async with client(app) as c:
        zone = (await c.get(URL, headers=province)).json()
        closed = await c.post(f"{URL}/inspections", json=inspection(), headers=province)
    assert zone["state"] == "revoked"
    assert [(r["kind"], r["filed_by"], r["outcome"]) for r in zone["requests"]] == [
        ("revocation", "370000", "revoked")
    ]
    assert zone["requests"][0]["inspection_id"] == poor.json()["id"]
    assert closed.status_code == 409 and closed.json()["reasons"][0]["code"] == "zone_closed"
    changed = await outbox(uow_factory, "zones.zone.state_changed.v1")
    assert [c["change"] for c in changed] == ["revoked"]
