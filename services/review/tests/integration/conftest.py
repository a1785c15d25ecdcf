"""Review instances on real PostgreSQL: one fresh database per jurisdiction, events fed by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.review.entrypoints.consumers import review_consumer
from services.review.service_layer.unit_of_work import SqlReviewUnitOfWork
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from tests.support.postgres import drop_database, fresh_database
from tests.support.sources import rightful_source

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
NOW = datetime(2027, 5, 20, 1, 0, tzinfo=UTC)


@dataclass
class Instance:
    """One review instance (`review-<me>`) without broker or HTTP: its units of work and consumer."""

    me: str
    url: str
    engine: AsyncEngine
    clock: FixedClock
    consumer: EventConsumer | None = None

    def uow(self, cause: Envelope | None = None, correlation_id: str | None = None) -> SqlReviewUnitOfWork:
        source = f"/jurisdictions/{self.me}/review"
        return SqlReviewUnitOfWork(
            session_factory(self.engine),
            source=source,
            clock=self.clock,
            cause=cause,
            correlation_id=correlation_id,
        )

    async def deliver(self, envelope: Envelope) -> None:
        """Hand a record to the real consumer, as Kafka would (inbox claim included)."""
        if self.consumer is None:
            settings = Settings(service="review", jurisdiction=self.me, retry_backoff_ms=1, max_attempts=1)
            self.consumer = review_consumer(settings, self.uow, default_catalogue())
        record = SimpleNamespace(
            headers=envelope.headers(),
            value=envelope.value(),
            key=envelope.subject.encode(),
            topic=envelope.topic,
            partition=0,
            offset=0,
        )
        await self.consumer.handle_record(record)

    async def warm_pool(self, n: int = 2) -> None:
        """Open `n` pooled connections at once, so racing units of work really run side by side."""
        conns = [await self.engine.connect() for _ in range(n)]
        for conn in conns:
            await conn.close()

    async def scalar(self, sql: str) -> object:
        async with self.engine.connect() as conn:
            return (await conn.execute(text(sql))).scalar_one()

    async def outbox_types(self) -> list[str]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(text("SELECT event_type FROM outbox ORDER BY id"))
            return [r[0].split(".")[-2] for r in rows]


def envelope(event: Event, source: str | None = None) -> Envelope:
    return Envelope.wrap(event, source=source or rightful_source(event), time=NOW)


@pytest.fixture
async def instances(pg_server: str) -> AsyncIterator[Callable[[str], Awaitable[Instance]]]:
    made: list[Instance] = []
    clock = FixedClock(NOW)

    async def make(me: str) -> Instance:
        url = await fresh_database(pg_server, f"review_{me}", MIGRATIONS)
        made.append(Instance(me, url, make_engine(url, pool_size=3), clock))
        return made[-1]

    yield make
    for inst in made:
        await inst.engine.dispose()
        await drop_database(inst.url)
