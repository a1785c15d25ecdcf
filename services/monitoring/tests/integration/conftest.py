"""A fresh, migrated monitoring database per test, and units of work on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from services.monitoring.service_layer.unit_of_work import SqlMonitoringUnitOfWork
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory
from shared.events.envelope import Envelope
from tests.support.postgres import drop_database, fresh_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
UowFactory = Callable[..., SqlMonitoringUnitOfWork]


@pytest.fixture
async def database_url(pg_server: str) -> AsyncIterator[str]:
    url = await fresh_database(pg_server, "monitoring_test", MIGRATIONS)
    yield url
    await drop_database(url)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 9, 1, 3, 0, tzinfo=UTC))


@pytest.fixture
async def uow_factory(database_url: str, clock: FixedClock) -> AsyncIterator[UowFactory]:
    engine = make_engine(database_url, pool_size=2)
    sessions = session_factory(engine)

    def factory(cause: Envelope | None = None, correlation_id: str | None = None) -> SqlMonitoringUnitOfWork:
        return SqlMonitoringUnitOfWork(
            sessions,
            source="/jurisdictions/000000/monitoring",
            clock=clock,
            cause=cause,
            correlation_id=correlation_id,
        )

    yield factory
    await engine.dispose()


async def count(uow: SqlMonitoringUnitOfWork, table: str) -> int:
    async with uow:
        return int((await uow.session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())
