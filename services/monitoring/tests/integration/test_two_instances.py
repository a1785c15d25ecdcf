"""Two scheduler instances and a restart during simulated years: no reminder missed, none doubled."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from services.monitoring.service_layer import handlers
from services.monitoring.service_layer.dynamics import run_pass
from services.monitoring.service_layer.unit_of_work import SqlMonitoringUnitOfWork
from services.monitoring.tests.integration.conftest import UowFactory
from services.monitoring.tests.integration.life import feed, file_due, outbox, today
from services.monitoring.tests.integration.test_zone_endings import NATIONAL, unit
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory

pytestmark = pytest.mark.integration


def instance(database_url: str, clock: FixedClock) -> tuple[UowFactory, AsyncEngine]:
    engine = make_engine(database_url, pool_size=2)
    sessions = session_factory(engine)

    def factory(**_: object) -> SqlMonitoringUnitOfWork:
        return SqlMonitoringUnitOfWork(sessions, source="/jurisdictions/000000/monitoring", clock=clock)

    return factory, engine


async def test_two_instances_and_a_restart_fire_every_mark_once(
    database_url: str, uow_factory: UowFactory, clock: FixedClock
) -> None:
    await feed(uow_factory, NATIONAL)  # reports nothing
    await feed(uow_factory, unit())  # files each report five days ahead
    a, engine_a = instance(database_url, clock)
    b, engine_b = instance(database_url, clock)
    passes = Counter[bool]()
    while today(clock) < date(2028, 7, 1):
        clock.advance(timedelta(days=1))
        if today(clock) == date(2028, 1, 1):  # instance A restarts (a new engine, nothing in memory)
            await engine_a.dispose()
            a, engine_a = instance(database_url, clock)
        results = await asyncio.gather(run_pass(a()), run_pass(b()), run_pass(a()))
        passes.update(r.ran for r in results)
        await file_due(uow_factory, clock, unit().unit_id, 5)
    for engine in (engine_a, engine_b):
        await engine.dispose()

    assert passes[True] >= 303  # at least one pass a day ran (others found the lock held or nothing to do)
    due_soon = await outbox(uow_factory, "zones.obligation.due_soon.v1")
    seen = Counter((e["obligation_id"], e["days_left"]) for e in due_soon)
    assert max(seen.values()) == 1  # nothing doubled
    national = await handlers.get_zone(NATIONAL.zone_id, uow_factory())
    reports = await handlers.get_zone(unit().unit_id, uow_factory())
    for ob in national.obligations:  # nothing missed: 30, 7 and 0 days ahead of every date passed
        if ob.due_on <= today(clock) and ob.actor == "zone":
            assert sorted(d for (i, d) in seen if i == ob.id) in ([0, 7, 29], [0, 7, 30]), ob.title
    for ob in reports.obligations:
        if ob.due_on <= today(clock):
            assert ob.state.value == "accepted"
            assert sorted(d for (i, d) in seen if i == ob.id) in ([7, 29], [7, 30]), ob.title
    overdue = Counter(e["obligation_id"] for e in await outbox(uow_factory, "zones.obligation.overdue.v1"))
    assert len(overdue) == 3 and max(overdue.values()) == 1  # 2027 plan, 2027 summary, 2028 plan
    assert len(await outbox(uow_factory, "zones.zone.warned.v1")) == 3
    assert len(await outbox(uow_factory, "zones.zone.request_filed.v1")) == 1  # one revocation, not three
