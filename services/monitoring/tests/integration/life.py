"""Helpers for the simulated years: records through the real consumer, days passing, what was emitted."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import text

from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.service_layer import filings, handlers
from services.monitoring.service_layer.dynamics import run_pass
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.samples import sent
from shared.clock import FixedClock
from shared.events.registry import Event
from shared.events.schemas import ZoneRequestDecided
from shared.events.topics import ZONES
from shared.settings import Settings
from tests.support.sources import rightful_source


def record(event: Event, source: str | None = None) -> SimpleNamespace:
    """A broker record of `event` from `source` (its rightful sender unless given)."""
    env = sent(event, source or rightful_source(event))
    headers = [(k, v.encode()) for k, v in env.headers().items()]
    return SimpleNamespace(
        headers=headers, value=env.value(), key=env.subject.encode(), topic=ZONES, partition=0, offset=0
    )


async def feed(uow_factory: UowFactory, event: Event) -> None:
    """Through the real consumer (inbox, dead letters), as the broker would deliver it."""
    consumer = monitoring_consumer(Settings(service="monitoring"), uow_factory)
    await consumer.handle_record(record(event))
    assert consumer.dead_lettered == 0


async def outbox(uow_factory: UowFactory, event_type: str) -> list[dict[str, Any]]:
    uow = uow_factory()
    async with uow:
        rows = await uow.session.execute(
            text("SELECT value FROM outbox WHERE event_type = :t ORDER BY id"), {"t": event_type}
        )
        return [json.loads(r[0]) for r in rows]


def decided(filed: dict[str, Any], outcome: str, **over: Any) -> ZoneRequestDecided:
    """The decision review would publish for a filed request."""
    fields = (
        "request_id",
        "zone_id",
        "application_id",
        "programme",
        "programme_version",
        "applicant",
        "kind",
    )
    data = {k: filed[k] for k in fields}
    data.update(outcome=outcome, decided_by=filed["authority"], reviewer="审核人", opinion="同意。")
    data.update(decided_at=datetime.fromisoformat(filed["filed_at"]) + timedelta(days=10), **over)
    return ZoneRequestDecided(**data)


def today(clock: FixedClock) -> date:
    return (clock.now() + timedelta(hours=8)).date()


async def file_due(
    uow_factory: UowFactory, clock: FixedClock, zone_id: str, lead: int, **values: float
) -> int:
    """The zone files (and the authority accepts) whatever falls due within `lead` days."""
    zone = await handlers.get_zone(zone_id, uow_factory())
    n = 0
    for ob in zone.obligations:
        if (
            ob.actor == "zone"
            and ob.state.value in ("upcoming", "due")
            and (ob.due_on - today(clock)).days <= lead
        ):
            await filings.submit(uow_factory(), zone_id, ob.id, f"{ob.title}全文……", dict(values))
            if ob.kind != "final_report":
                await filings.review(uow_factory(), zone_id, ob.id, "accepted", "审核人", "")
            n += 1
    return n


async def live(
    uow_factory: UowFactory,
    clock: FixedClock,
    until: date,
    zone_ids: tuple[str, ...] = (),
    lead: int = 5,
    values: dict[str, float] | None = None,
) -> None:
    """Day by day to `until`: the scheduler's pass each day; the zones in `zone_ids` file on time."""
    while today(clock) < until:
        clock.advance(timedelta(days=1))
        await run_pass(uow_factory())
        for zone_id in zone_ids:
            given = {"facility_coverage": 92.0, "volunteer_rate": 8.0} if values is None else values
            await file_due(uow_factory, clock, zone_id, lead, **given)


def reminders_by_obligation(due_soon: list[dict[str, Any]]) -> Counter[tuple[str, int]]:
    return Counter((e["obligation_id"], e["days_left"]) for e in due_soon)
