"""Tolerant reader, against real PostgreSQL: every type monitoring's consumer handles, carrying a field a
later minor version added (top level and nested), is applied exactly as without it, and the field is
nowhere in monitoring's database (tests/support/tolerant.py runs the twins). The genuine samples are
fed in their order (the designation opens z1); the zone files request r1 before its decision arrives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.monitoring.entrypoints.consumers import monitoring_consumer
from services.monitoring.service_layer import filings
from services.monitoring.service_layer.ports import MonitoringUnitOfWork
from services.monitoring.service_layer.unit_of_work import SqlMonitoringUnitOfWork
from services.monitoring.tests.integration.conftest import MIGRATIONS
from shared.clock import FixedClock
from shared.db.engine import session_factory
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.events.schemas import ZoneRequestDecided
from shared.messaging.consumer import EventConsumer
from shared.settings import Settings
from shared.tests.genuine_events import GENUINE, NOW
from tests.support.tolerant import Step, run_twins

pytestmark = pytest.mark.integration
SETTINGS = Settings(service="monitoring", max_attempts=1)  # unsigned, as every integration test's
PROBES = {
    "zones": "SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM zones",
    "obligations": "SELECT count(*) FROM obligations",
    "request r1": "SELECT outcome FROM zone_requests WHERE id = 'r1'",
}


def _uow(engine: AsyncEngine) -> Callable[..., SqlMonitoringUnitOfWork]:
    sessions = session_factory(engine)
    return unit_of_work_factory(
        SqlMonitoringUnitOfWork, sessions, source="/jurisdictions/000000/monitoring", clock=FixedClock(NOW)
    )


def _consumer(engine: AsyncEngine) -> EventConsumer[MonitoringUnitOfWork]:
    return monitoring_consumer(SETTINGS, _uow(engine))


async def _file_r1(engine: AsyncEngine) -> None:
    """The zone files its extension request (monitoring's own command); both twins call it r1."""
    await filings.file_request(_uow(engine)(), "z1", "extension", "延期一年", date(2028, 6, 1))
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE zone_requests SET id = 'r1'"))


async def test_every_handled_type_with_an_unknown_field_is_applied_and_the_field_kept_out(
    pg_server: str,
) -> None:
    handled = _consumer(None).handlers  # type: ignore[arg-type]  # the map needs no database
    steps: list[Step] = []
    for event, who in GENUINE:
        if event.type in handled:
            env = Envelope.wrap(event, source=f"/jurisdictions/{who}", time=NOW)
            steps.append((_file_r1, env) if isinstance(event, ZoneRequestDecided) else env)
    assert len(handled) == len(steps) == 3
    twins = await run_twins(pg_server, MIGRATIONS, "monitoring_tolerant", _consumer, steps, PROBES)
    assert [v for _, v in twins.verdicts] == ["applied"] * 3 and {t for t, _ in twins.verdicts} == set(
        handled
    )
    assert [p["zones"] for p in twins.probes] == ["u1:active", "u1:active,z1:active", "u1:active,z1:active"]
    assert twins.probes[-1] == {"zones": "u1:active,z1:active", "obligations": 22, "request r1": "approved"}
    assert twins.rows["inbox"] == 3 and twins.rows["zone_requests"] == 1
    assert sum(twins.marked.values()) == 0 and len(twins.marked) >= 8, twins.marked  # tables searched
