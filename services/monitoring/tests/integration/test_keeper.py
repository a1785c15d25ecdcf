"""Two monitoring instances hold the same zone (issue 13): the keeper fires, the mirror only shows.

The ministry's monitoring (000000, Shandong delegated) and Shandong's (370000), each with its own
database, are fed the same designations: the ministry's zone in Jinan (both hold it: the ministry
designated it, it lies in Shandong) and Shandong's own zone (only Shandong holds it). Days pass with
both instances' jobs running; each reminder and overdue notice is in exactly one outbox.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from services.monitoring.entrypoints.api import router
from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.entrypoints.life_api import router as life_router
from services.monitoring.service_layer import handlers
from services.monitoring.service_layer.dynamics import Settings as Policy
from services.monitoring.service_layer.dynamics import run_pass
from services.monitoring.service_layer.unit_of_work import SqlMonitoringUnitOfWork
from services.monitoring.tests.integration.conftest import MIGRATIONS, UowFactory, count
from services.monitoring.tests.integration.life import outbox, record, today
from services.monitoring.tests.integration.test_zone_endings import NATIONAL
from services.monitoring.tests.samples import designation
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory
from shared.events.envelope import Envelope
from shared.http.errors import install_error_handlers
from shared.settings import Settings
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration
MINISTRY = Settings(service="monitoring", jurisdiction="000000", delegated="370000", auth_required=False)
SHANDONG = Settings(service="monitoring", jurisdiction="370000", auth_required=False)
SHANDONGS = designation()
FIRED = ("zones.obligation.due_soon.v1", "zones.obligation.overdue.v1", "zones.zone.warned.v1")


@pytest.fixture
async def shandong(pg_server: str, clock: FixedClock) -> AsyncIterator[UowFactory]:
    """Units of work on Shandong's monitoring database, a second one on the same server."""
    url = await fresh_database(pg_server, "monitoring_370000_test", MIGRATIONS)
    engine = make_engine(url, pool_size=2)
    sessions = session_factory(engine)

    def factory(cause: Envelope | None = None, correlation_id: str | None = None) -> SqlMonitoringUnitOfWork:
        source = "/jurisdictions/370000/monitoring"
        return SqlMonitoringUnitOfWork(sessions, source=source, clock=clock, cause=cause)

    yield factory
    await engine.dispose()
    await drop_database(url)


async def feed_both(settings: Settings, uow_factory: UowFactory) -> list[str]:
    consumer = monitoring_consumer(settings, uow_factory)
    outcomes = [await consumer.handle_record(record(e)) for e in (NATIONAL, SHANDONGS)]
    assert consumer.dead_lettered == 0
    return outcomes


def app_of(settings: Settings, uow_factory: UowFactory) -> FastAPI:
    app = FastAPI()
    app.state.uow_factory = uow_factory
    app.state.runtime = SimpleNamespace(settings=settings)
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(life_router)
    return app


async def test_one_keeper_fires_and_the_mirror_refuses_writes(
    uow_factory: UowFactory, shandong: UowFactory, clock: FixedClock
) -> None:
    ministry = uow_factory  # the ministry's database (the conftest's)
    assert await feed_both(MINISTRY, ministry) == ["applied", "ignored"]  # not the ministry's own
    assert await feed_both(SHANDONG, shandong) == ["applied", "applied"]
    scheduled = {  # the plan is announced once, by each zone's keeper: notify tells nobody twice
        name: Counter(e["zone_id"] for e in await outbox(f, "zones.obligation.scheduled.v1"))
        for name, f in (("000000", ministry), ("370000", shandong))
    }
    assert set(scheduled["000000"]) == {NATIONAL.zone_id} and set(scheduled["370000"]) == {SHANDONGS.zone_id}
    assert scheduled["000000"][NATIONAL.zone_id] >= 2 and scheduled["370000"][SHANDONGS.zone_id] >= 2
    while today(clock) < date(2027, 10, 10):  # past the first annual plans' due dates (2027-10-01)
        clock.advance(timedelta(days=1))
        await run_pass(ministry(), Policy(territory=MINISTRY.territory))
        await run_pass(shandong(), Policy(territory=SHANDONG.territory))

    fired = {
        name: {t: await outbox(f, t) for t in FIRED}
        for name, f in (("000000", ministry), ("370000", shandong))
    }
    by_keeper = {name: Counter(e["zone_id"] for t in FIRED for e in got[t]) for name, got in fired.items()}
    assert set(by_keeper["000000"]) == {NATIONAL.zone_id}  # the ministry fires for its own designation only
    assert set(by_keeper["370000"]) == {SHANDONGS.zone_id}  # Shandong for its own, not the ministry's
    every = [
        (e["obligation_id"], e.get("days_left"), t) for got in fired.values() for t in FIRED for e in got[t]
    ]
    assert len(every) >= 8 and max(Counter(every).values()) == 1  # nothing twice, across both outboxes
    overdue = [e["zone_id"] for got in fired.values() for e in got["zones.obligation.overdue.v1"]]
    assert sorted(overdue) == sorted([NATIONAL.zone_id, SHANDONGS.zone_id])  # one each, one outbox each
    mirrored = await handlers.get_zone(NATIONAL.zone_id, shandong())
    assert [o.state.value for o in mirrored.obligations][:1] == ["upcoming"]  # the mirror changed nothing

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app_of(SHANDONG, shandong)), base_url="http://monitoring"
    ) as mirror:
        listed = {z["id"]: z["kept_here"] for z in (await mirror.get("/zones")).json()}
        assert listed == {NATIONAL.zone_id: False, SHANDONGS.zone_id: True}
        plan = mirrored.obligations[0]
        before = (await count(shandong(), "outbox"), await count(shandong(), "submissions"))
        url = f"/zones/{NATIONAL.zone_id}/obligations/{plan.id}"
        body = {"text": "2027年度实验计划……", "indicators": {}}
        for path, payload in (
            (f"{url}/submissions", body),
            (f"{url}/review", {"outcome": "accepted", "reviewer": "赵强"}),
            (f"/zones/{NATIONAL.zone_id}/requests", {"kind": "content_change", "summary": "调整"}),
        ):
            refused = await mirror.post(path, json=payload)
            assert refused.status_code == 409, (path, refused.text)
            [reason] = refused.json()["reasons"]
            assert (
                reason["code"] == "kept_elsewhere"
                and "认定机关 000000 的监测实例管理" in reason["message_zh"]
            )
            assert (
                "kept by the monitoring instance of its designating authority 000000" in reason["message_en"]
            )
        assert (await count(shandong(), "outbox"), await count(shandong(), "submissions")) == before
        assert (await mirror.get(f"/zones/{NATIONAL.zone_id}")).json()["kept_here"] is False
        own = (await handlers.get_zone(SHANDONGS.zone_id, shandong())).obligations[0]
        filed = await mirror.post(f"/zones/{SHANDONGS.zone_id}/obligations/{own.id}/submissions", json=body)
        assert filed.status_code == 201  # the same route takes the zone Shandong keeps
