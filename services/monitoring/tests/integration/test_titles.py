"""Issue 17.1–3 in monitoring, on real PostgreSQL through the real consumer: an achievement or a rural
title is not a zone (002:10, 001:499); a registered unit's title is withdrawn only by the ministry that
conferred it (001:385), on the liaison level's proposal (建议取消示范单位称号, 001:425)."""

from __future__ import annotations

from datetime import date

import pytest

from services.monitoring.domain.opening import designate
from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.service_layer import filings, handlers
from services.monitoring.service_layer.dashboard import dashboard
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import decided, feed, live, outbox, record
from services.monitoring.tests.integration.test_zone_endings import unit
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock
from shared.errors import Refused
from shared.events.registry import Event
from shared.events.schemas import ApplicantRef
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from shared.tests.test_consumer import FakeBroker

pytestmark = pytest.mark.integration
# What an older review sent for the 2014 nominated achievement of 002:216 and for a rural title.
NOMINATED = designation(
    zone_id="00000000-0000-4000-8000-0000000002a1", application_id="app-ti", programme="top10-innovation",
    applicant=ApplicantRef(code="220104", name="长春市朝阳区"), designated_by="000000",
    period_start=date(2027, 4, 28), period_end=date(2027, 4, 28),
)  # fmt: skip
RURAL = designation(
    zone_id="00000000-0000-4000-8000-0000000002a2", application_id="app-rf", programme="rural-full-coverage",
    applicant=ApplicantRef(code="370124", name="济南市平阴县"), designated_by="000000",
    period_start=date(2027, 6, 1), period_end=date(2027, 6, 1),
)  # fmt: skip


async def dead_letters(uow_factory: UowFactory, event: Event, source: str | None = None) -> list[str]:
    """Why the real consumer quarantined `event` (empty when it applied it)."""
    consumer, broker = monitoring_consumer(Settings(service="monitoring"), uow_factory), FakeBroker()
    consumer.broker = broker  # type: ignore[assignment]
    await consumer.handle_record(record(event, source))
    return [h["x-dlq-reason"] for _v, _t, h in broker.sent]


async def test_an_achievement_or_a_rural_title_never_becomes_a_zone(uow_factory: UowFactory) -> None:
    """002:10 提名成果 and 001:499 示范单位 are no 实验区: refused as zones, kept out of dashboards and
    zone requests."""
    for event in (NOMINATED, RURAL):
        [why] = await dead_letters(uow_factory, event)  # nobody designates in these programmes
        assert why.endswith(f"000000 cannot designate for {event.applicant.code} in {event.programme}")
        with pytest.raises(Exception, match="zone"):
            await handlers.get_zone(event.zone_id, uow_factory())
    # a record an older monitoring kept: not counted as an active zone, and no zone request
    uow = uow_factory()
    async with uow:
        programme = default_catalogue().get("top10-innovation")
        assert programme is not None
        await uow.zones.add(designate(NOMINATED, programme))
        await uow.commit()
    chart = await dashboard(uow_factory(), "000000")
    assert chart["zones_by_state"] == {} and chart["due_soon"] == [] and chart["overdue"] == []
    with pytest.raises(Refused) as refused:
        await filings.file_request(uow_factory(), NOMINATED.zone_id, "extension", "延期", date(2028, 1, 1))
    assert [r.code for r in refused.value.reasons] == ["not_a_zone"]
    assert await outbox(uow_factory, "zones.zone.request_filed.v1") == []


async def test_the_liaison_proposes_and_only_the_ministry_withdraws_a_units_title(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    """001:425 对长期工作不力、改进效果不明显的,建议取消示范单位称号; 001:385 民政部命名表彰."""
    street = unit()  # 大观园街道, liaised by Shandong (370000)
    await feed(uow_factory, street)
    await live(uow_factory, clock, date(2028, 1, 20))  # files nothing
    [filed] = await outbox(uow_factory, "zones.zone.request_filed.v1")
    assert (filed["kind"], filed["filed_by"], filed["authority"]) == ("revocation", "370000", "000000")
    assert filed["summary"].endswith("建议取消示范单位称号。")
    by_liaison = decided(filed, "revoked", decided_by="370000")  # the province cannot withdraw it
    [why] = await dead_letters(uow_factory, by_liaison, "/jurisdictions/370000/review")
    assert why.endswith("370000 does not decide a revocation request about 370103 in harmonious-demo-liaison")
    assert (await handlers.get_zone(street.unit_id, uow_factory())).state.value == "active"
    await feed(uow_factory, decided(filed, "revoked", filed_by="370000"))  # the ministry decides
    zone = await handlers.get_zone(street.unit_id, uow_factory())
    assert zone.state.value == "revoked" and zone.requests[0].outcome == "revoked"
    [changed] = await outbox(uow_factory, "zones.zone.state_changed.v1")
    assert (changed["change"], changed["authority"]) == ("revoked", "370000")  # the liaison applies it
