"""A Shandong zone through its years: every obligation, a returned summary, an extension, acceptance."""

from __future__ import annotations

from datetime import date

import pytest

from services.monitoring.service_layer import filings, handlers
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import (
    decided,
    feed,
    live,
    outbox,
    reminders_by_obligation,
    today,
)
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock
from shared.errors import Conflict, Refused

pytestmark = pytest.mark.integration
ZONE = designation().zone_id


async def test_a_shandong_zone_through_two_years(uow_factory: UowFactory, clock: FixedClock) -> None:
    await feed(uow_factory, designation())
    await live(uow_factory, clock, date(2027, 12, 20), (ZONE,))  # the first plan filed and accepted

    # The 2027 summary is returned once, then filed again and accepted.
    await live(uow_factory, clock, date(2027, 12, 26))
    zone = await handlers.get_zone(ZONE, uow_factory())
    summary = next(o for o in zone.obligations if o.title == "2027年度实验总结")
    assert summary.state.value == "due"
    await filings.submit(uow_factory(), ZONE, summary.id, "2027年度总结", {"facility_coverage": 85.0})
    with pytest.raises(Refused):
        await filings.review(uow_factory(), ZONE, summary.id, "returned", "山东省民政厅", " ")
    await filings.review(uow_factory(), ZONE, summary.id, "returned", "山东省民政厅", "数据不全，请补充。")
    with pytest.raises(Conflict):
        await filings.review(uow_factory(), ZONE, summary.id, "accepted", "山东省民政厅", "")
    await filings.submit(
        uow_factory(), ZONE, summary.id, "2027年度总结（修改稿）", {"facility_coverage": 88.0}
    )
    await filings.review(uow_factory(), ZONE, summary.id, "accepted", "山东省民政厅", "")
    assert [e["outcome"] for e in await outbox(uow_factory, "zones.obligation.reviewed.v1")][1:3] == [
        "returned",
        "accepted",
    ]

    await live(uow_factory, clock, date(2028, 6, 1), (ZONE,))
    # An extension of four months, approved: new end, the period-end items re-planned.
    with pytest.raises(Refused):
        await filings.file_request(uow_factory(), ZONE, "extension", "延期", date(2029, 1, 1))
    await filings.file_request(uow_factory(), ZONE, "extension", "因疫情延期四个月", date(2029, 12, 31))
    [filed] = await outbox(uow_factory, "zones.zone.request_filed.v1")
    assert (filed["kind"], filed["authority"], filed["filed_by"]) == ("extension", "370000", "370103")
    await feed(uow_factory, decided(filed, "approved", new_end=date(2029, 12, 31)))
    zone = await handlers.get_zone(ZONE, uow_factory())
    assert zone.period_end == date(2029, 12, 31)
    by_title = {(o.title, o.due_on): o.state.value for o in zone.obligations}
    assert by_title[("实验工作终期报告", date(2029, 8, 31))] == "cancelled"
    assert by_title[("实验工作终期报告", date(2029, 12, 31))] == "upcoming"
    assert by_title[("2029年度实验总结", date(2029, 12, 31))] == "upcoming"
    assert by_title[("验收评审", date(2030, 3, 31))] == "upcoming"

    # To the end of the period: the final report opens the acceptance review.
    await live(uow_factory, clock, date(2029, 12, 28), (ZONE,))
    zone = await handlers.get_zone(ZONE, uow_factory())
    assert zone.state.value == "under_acceptance"
    acceptance = (await outbox(uow_factory, "zones.zone.request_filed.v1"))[-1]
    assert (acceptance["kind"], acceptance["authority"]) == ("acceptance", "370000")
    await feed(uow_factory, decided(acceptance, "accepted"))
    zone = await handlers.get_zone(ZONE, uow_factory())
    assert zone.state.value == "accepted" and zone.title_conferred is None
    states = {o.state.value for o in zone.obligations}
    assert states == {"accepted", "cancelled"}, [(o.title, o.state) for o in zone.obligations]
    assert await outbox(uow_factory, "zones.zone.recommended.v1") == []  # plain acceptance: no recommendation

    # Every obligation filed 5 days ahead was reminded 30 (29 for the first plan: designated 30 days
    # before it is due, the first pass is the next day) and 7 days ahead, each once; nothing overdue.
    seen = reminders_by_obligation(await outbox(uow_factory, "zones.obligation.due_soon.v1"))
    assert max(seen.values()) == 1
    for ob in zone.obligations:
        if ob.actor == "zone" and ob.state.value == "accepted":
            got = sorted(days for (ob_id, days) in seen if ob_id == ob.id)
            assert got in ([7, 30], [7, 29]), (ob.title, got)
    assert await outbox(uow_factory, "zones.obligation.overdue.v1") == []
    assert await outbox(uow_factory, "zones.zone.warned.v1") == []
    assert today(clock) == date(2029, 12, 28)
    # Nothing more is taken from a closed zone.
    with pytest.raises(Conflict) as err:
        await filings.submit(uow_factory(), ZONE, summary.id, "再报", {})
    assert err.value.reasons[0].code == "zone_closed"
