"""Checks behind `/readyz` and `/metrics`: each bounded in time, none raising."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db.migrations import current_heads
from shared.messaging import kafka_clients
from shared.messaging.consumer import EventConsumer
from shared.messaging.kafka_security import KafkaConnection
from shared.messaging.lag import assigned, lag
from shared.runtime.metrics import CONSUMER_LAG, OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE


async def database_ready(engine: AsyncEngine, limit_s: float) -> bool:
    async def probe() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    try:
        await asyncio.wait_for(probe(), limit_s)
        return True
    except Exception:
        return False


async def broker_ready(kafka: KafkaConnection, limit_s: float) -> bool:
    """A metadata round trip on a fresh connection (a paused broker still accepts TCP connections)."""
    try:
        client = kafka_clients.client(kafka, request_timeout_ms=int(limit_s * 1000))
    except Exception:
        return False
    try:
        await asyncio.wait_for(client.bootstrap(), limit_s)
        return True
    except Exception:
        return False
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.close(), 1.0)


async def migrations_current(engine: AsyncEngine, migrations: Path, limit_s: float) -> bool:
    """The database's Alembic revision is this code's head."""

    async def revisions() -> set[str]:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            return {r[0] for r in rows}

    try:
        return await asyncio.wait_for(revisions(), limit_s) == current_heads(migrations)
    except Exception:
        return False


def consumers_assigned(consumers: list[EventConsumer]) -> bool:
    """Every consumer holds partitions (a service without consumers is trivially assigned)."""
    return all(assigned(c) for c in consumers)


async def measure(engine: AsyncEngine, consumers: list[EventConsumer], limit_s: float) -> None:
    """Set the state gauges: outbox backlog and its oldest row's age, consumer lag."""

    async def outbox() -> tuple[int, float]:
        async with engine.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) "
                        "FROM outbox WHERE published_at IS NULL"
                    )
                )
            ).one()
            return int(row[0]), float(row[1])

    with contextlib.suppress(Exception):
        backlog, age = await asyncio.wait_for(outbox(), limit_s)
        OUTBOX_BACKLOG.set(backlog)
        OUTBOX_OLDEST_AGE.set(age)
    for consumer in consumers:
        for (topic, partition), behind in (await lag(consumer)).items():
            CONSUMER_LAG.labels(consumer.name, topic, str(partition)).set(behind)
