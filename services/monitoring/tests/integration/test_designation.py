"""A designation against real PostgreSQL: zone, obligations and outbox rows in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.service_layer import handlers
from services.monitoring.tests.integration.conftest import UowFactory, count
from services.monitoring.tests.samples import designation, sent
from shared.events.envelope import Envelope
from shared.events.schemas import ObligationScheduled, ZoneDesignated
from shared.events.topics import ZONES
from shared.settings import Settings

pytestmark = pytest.mark.integration


def record(event: ZoneDesignated) -> SimpleNamespace:
    """A Kafka record of `event` as review publishes it (a new event id each time)."""
    env = Envelope.wrap(
        event, source="/jurisdictions/370000/review", time=datetime(2027, 9, 1, 2, tzinfo=UTC)
    )
    return SimpleNamespace(
        headers=[(k, v.encode()) for k, v in env.headers().items()],
        value=env.value(),
        key=env.subject.encode(),
        topic=ZONES,
        partition=0,
        offset=0,
    )


async def test_designation_writes_zone_obligation_and_outbox_row_together(uow_factory: UowFactory) -> None:
    await handlers.handle_zone_designated(designation(), uow_factory(sent(designation())))
    assert [await count(uow_factory(), t) for t in ("zones", "obligations", "outbox")] == [1, 7, 7]
    uow = uow_factory()
    async with uow:
        row = (
            await uow.session.execute(text("SELECT event_type, key, value FROM outbox ORDER BY id"))
        ).first()
        obligation_id = (
            (await uow.session.execute(text("SELECT id FROM obligations ORDER BY due_on"))).scalars().first()
        )
    assert row is not None
    assert (row.event_type, row.key) == (ObligationScheduled.type, designation().zone_id)
    payload = json.loads(row.value)
    assert (payload["obligation_id"], payload["title"], payload["due_on"]) == (
        obligation_id,
        "2027年度实验计划",
        "2027-10-01",
    )


async def test_redelivery_and_a_republished_copy_make_one_zone(uow_factory: UowFactory) -> None:
    consumer = monitoring_consumer(Settings(service="monitoring"), uow_factory)
    first = record(designation())
    await consumer.handle_record(first)
    await consumer.handle_record(first)  # the same event id: the inbox drops it
    await consumer.handle_record(record(designation()))  # a new event id: the zone already exists
    assert [await count(uow_factory(), t) for t in ("zones", "obligations", "outbox", "inbox")] == [
        1,
        7,
        7,
        2,
    ]
    assert consumer.handled == 2 and consumer.dead_lettered == 0


async def test_a_failed_designation_leaves_nothing_behind(uow_factory: UowFactory) -> None:
    await handlers.handle_zone_designated(designation(), uow_factory(sent(designation())))
    clash = designation(zone_id="8a6a3d1e-0000-4000-8000-000000000002")  # same application, other zone
    with pytest.raises(IntegrityError):
        await handlers.handle_zone_designated(clash, uow_factory(sent(clash)))
    assert [await count(uow_factory(), t) for t in ("zones", "obligations", "outbox")] == [1, 7, 7]


async def test_the_zone_reads_back_with_its_obligations(uow_factory: UowFactory) -> None:
    await handlers.handle_zone_designated(designation(), uow_factory(sent(designation())))
    zone = await handlers.get_zone(designation().zone_id, uow_factory())
    assert zone.designated_at == designation().designated_at
    assert zone.territory == ["370103", "370100", "370000", "000000"]
    assert [(o.kind, o.title, str(o.due_on), o.state.value, o.actor) for o in zone.obligations] == [
        ("annual_plan", "2027年度实验计划", "2027-10-01", "upcoming", "zone"),
        ("annual_summary", "2027年度实验总结", "2027-12-31", "upcoming", "zone"),
        ("annual_plan", "2028年度实验计划", "2028-01-31", "upcoming", "zone"),
        ("annual_summary", "2028年度实验总结", "2028-12-31", "upcoming", "zone"),
        ("annual_plan", "2029年度实验计划", "2029-01-31", "upcoming", "zone"),
        ("final_report", "实验工作终期报告", "2029-08-31", "upcoming", "zone"),
        ("acceptance_review", "验收评审", "2029-11-29", "upcoming", "owner"),
    ]
