"""A Jilin zone accepted with the title and recommended upward; a national zone warned and revoked;
a liaison unit reporting quarterly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.monitoring.service_layer import filings, handlers
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import decided, feed, live, outbox, today
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock
from shared.events.schemas import ApplicantRef, DemonstrationUnitRegistered

pytestmark = pytest.mark.integration

JILIN = designation(
    zone_id="00000000-0000-4000-8000-0000000000b1", application_id="app-jl", programme="jilin-zones",
    applicant=ApplicantRef(code="220104", name="长春市朝阳区"), designated_by="220000",
)  # fmt: skip
NATIONAL = designation(
    zone_id="00000000-0000-4000-8000-0000000000b2", application_id="app-cn", programme="national-zones",
    applicant=ApplicantRef(code="370102", name="济南市历下区"), designated_by="000000",
)  # fmt: skip


def unit(cadence: str = "quarterly") -> DemonstrationUnitRegistered:
    return DemonstrationUnitRegistered(
        unit_id="00000000-0000-4000-8000-0000000000c1", programme="harmonious-demo-liaison",
        programme_version=1, unit_type="street", unit_type_name="全国和谐社区建设示范街道",
        unit_name="济南市市中区大观园街道", location=ApplicantRef(code="370103", name="济南市市中区"),
        liaison_jurisdiction="370000", reporting_cadence=cadence, contact_email="dgy@example.gov.cn",
        registered_at=datetime(2027, 9, 1, 2, tzinfo=UTC),
    )  # fmt: skip


async def test_a_jilin_zone_accepted_with_the_title_is_titled_but_recommended_by_nobody_yet(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """004:51 "授予…称号，省民政厅将择优推荐申报国家级实验区": the title is conferred here; the
    recommendation upward is the province's own choice (review), not an effect of the title."""
    await feed(uow_factory, JILIN)
    clock.advance(timedelta(days=727))  # 2029-08-29
    zone = await handlers.get_zone(JILIN.zone_id, uow_factory())
    final = next(o for o in zone.obligations if o.kind == "final_report")
    await filings.submit(uow_factory(), zone.id, final.id, "终期报告全文", {"facility_coverage": 95.0})
    [filed] = await outbox(uow_factory, "zones.zone.request_filed.v1")
    assert (filed["kind"], filed["authority"], filed["filed_by"]) == ("acceptance", "220000", "220104")
    decision = decided(filed, "accepted_with_title", document_no="吉民发〔2029〕8号")
    await feed(uow_factory, decision)
    await feed(uow_factory, decision)  # published again under a new event id: applied once
    zone = await handlers.get_zone(JILIN.zone_id, uow_factory())
    assert (zone.state.value, zone.title_conferred) == ("titled", "吉林省社区治理和服务创新实验区")
    assert await outbox(uow_factory, "zones.zone.recommended.v1") == []
    changes = [e["change"] for e in await outbox(uow_factory, "zones.zone.state_changed.v1")]
    assert changes == ["under_acceptance", "titled"]


async def test_a_national_zone_that_stops_reporting_is_warned_and_revoked(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    await feed(uow_factory, NATIONAL)
    await live(uow_factory, clock, date(2028, 1, 20))  # files nothing
    overdue = await outbox(uow_factory, "zones.obligation.overdue.v1")
    assert [(e["title"], e["overdue_since"]) for e in overdue] == [
        ("2027年度实验计划", "2027-10-02"),
        ("2027年度实验总结", "2028-01-01"),
    ]
    warned = await outbox(uow_factory, "zones.zone.warned.v1")
    assert [(e["warning_no"], e["level_above"], e["authority"]) for e in warned] == [
        (1, "370100", "000000"),
        (2, "370100", "000000"),
    ]
    [filed] = await outbox(uow_factory, "zones.zone.request_filed.v1")
    assert (filed["kind"], filed["filed_by"], filed["authority"]) == ("revocation", "000000", "000000")
    assert "1次督促" in filed["summary"]  # 90 days overdue (30 Dec): recommended before the second warning
    await feed(uow_factory, decided(filed, "revoked"))
    zone = await handlers.get_zone(NATIONAL.zone_id, uow_factory())
    assert zone.state.value == "revoked" and zone.warnings == 2
    assert [o.state.value for o in zone.obligations][:2] == ["overdue", "overdue"]  # its history stays
    assert {o.state.value for o in zone.obligations[2:]} == {"cancelled"}
    before = len(await outbox(uow_factory, "zones.obligation.due_soon.v1"))
    await live(uow_factory, clock, date(2028, 3, 1))
    assert len(await outbox(uow_factory, "zones.obligation.due_soon.v1")) == before


async def test_a_refused_request_leaves_the_zone_unchanged(uow_factory: UowFactory) -> None:
    await feed(uow_factory, NATIONAL)
    await filings.file_request(
        uow_factory(), NATIONAL.zone_id, "termination", "主要负责人调整，申请中止", None
    )
    [filed] = await outbox(uow_factory, "zones.zone.request_filed.v1")
    await feed(uow_factory, decided(filed, "refused"))
    zone = await handlers.get_zone(NATIONAL.zone_id, uow_factory())
    assert zone.state.value == "active" and zone.requests[0].outcome == "refused"
    await filings.file_request(uow_factory(), NATIONAL.zone_id, "termination", "再次申请中止", None)
    await feed(
        uow_factory, decided((await outbox(uow_factory, "zones.zone.request_filed.v1"))[1], "approved")
    )
    zone = await handlers.get_zone(NATIONAL.zone_id, uow_factory())
    assert zone.state.value == "terminated"
    assert {o.state.value for o in zone.obligations} == {"cancelled"}


async def test_a_liaison_unit_reports_quarterly(uow_factory: UowFactory, clock: FixedClock) -> None:
    await feed(uow_factory, unit())
    zone = await handlers.get_zone(unit().unit_id, uow_factory())
    assert (zone.kind, zone.designated_by, zone.reporting_cadence) == ("unit", "370000", "quarterly")
    reports = [o for o in zone.obligations if o.kind == "progress_report"]
    assert [(o.title, str(o.due_on)) for o in reports[:3]] == [
        ("2027年第3季度工作进展情况报告", "2027-10-15"),
        ("2027年第4季度工作进展情况报告", "2028-01-15"),
        ("2028年第1季度工作进展情况报告", "2028-04-15"),
    ]
    assert len(reports) == 14 and sum(o.kind == "self_check" for o in zone.obligations) == 4
    await live(uow_factory, clock, date(2028, 9, 1), (zone.id,), values={})
    zone = await handlers.get_zone(zone.id, uow_factory())
    done = [o for o in zone.obligations if o.due_on < today(clock)]
    assert len(done) == 5 and {o.state.value for o in done} == {"accepted"}
    assert await outbox(uow_factory, "zones.zone.warned.v1") == []
