"""A zone's life after designation, through the consumer: each event is an in-app message for whom DOMAIN.md
section 4 names, with its own subject, and the reference number from notify's view of the application."""

from __future__ import annotations

import pytest

from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from shared.messaging.consumer import EventConsumer

pytestmark = pytest.mark.integration


async def test_filings_reminders_warnings_and_decisions_reach_the_zone_the_authority_and_the_level_above(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    events = [ev.submitted(), ev.designated(), ev.due_soon(7), ev.due_soon(30, by_owner=True), ev.overdue(),
              ev.warned(), ev.filed(), ev.request_decided(), ev.task_overdue_soon()]  # fmt: skip
    for offset, event in enumerate(events):
        await consumer.handle_record(record(ev.envelope(event), offset))
    uow = uow_factory()
    async with uow:
        zone = {e.event_type: e for e in await uow.in_app_messages.list("applicant:370103")}
        city = {e.event_type: e for e in await uow.in_app_messages.list("jurisdiction:370100")}
        province = {e.event_type: e for e in await uow.in_app_messages.list("jurisdiction:370000")}
    assert zone["zones.obligation.due_soon.v1"].subject.startswith("【报送提醒】2027年度实验总结还有7天截止")
    assert "SZ-2027-370103-01" in zone["zones.obligation.overdue.v1"].body
    assert zone["zones.zone.warned.v1"].subject.startswith("【督促通知】")
    assert "实验期延长至2030年2月28日" in zone["zones.zone.request_decided.v1"].body
    assert "zones.review.task_overdue_soon.v1" not in zone
    assert city["zones.obligation.overdue.v1"].subject.startswith("【逾期提醒】济南市市中区：")
    assert "请督促其尽快报送" in city["zones.zone.warned.v1"].body
    assert set(province) == {
        "zones.obligation.due_soon.v1",  # the acceptance review is the province's own to carry out
        "zones.obligation.submitted.v1",  # a filing to review
        "zones.review.task_overdue_soon.v1",  # a review task near its deadline
    }
    assert province["zones.obligation.submitted.v1"].subject == "【待审材料】济南市市中区：2027年度实验总结"
    assert province["zones.obligation.due_soon.v1"].subject.startswith("【办理提醒】济南市市中区：验收评审")
    assert province["zones.review.task_overdue_soon.v1"].body.startswith("山东省：\n\n您单位有一项待审事项")
    for entry in (*zone.values(), *city.values(), *province.values()):
        assert "事件类型" not in entry.body and "reviewer:" not in entry.body
