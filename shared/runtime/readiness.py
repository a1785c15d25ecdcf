"""Checks behind `/readyz`, `/healthz/consumers` and `/metrics`: each bounded in time, none raising.

Readiness is the HTTP side only (database reachable, migrations current, not stopping): a
rebalance, a Kafka outage or a replica beyond the partition count leaves the API in service.
Consumers are judged apart (`consumer_health`, and the gauges `zones_consumer_up`,
`zones_consumer_assigned_partitions`), so an alert, not the load balancer, reacts to them.
"""

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
from shared.messaging.lag import kafka_consumer, publish_lag
from shared.runtime.metrics import (
    CONSUMER_ASSIGNED,
    CONSUMER_LAG,
    CONSUMER_UP,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
)


async def database_ready(engine: AsyncEngine, limit_s: float) -> bool:
    async def probe() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def twice() -> None:
        # A pooled connection the network dropped fails once and invalidates the pool (no pre-ping):
        # the second try, on a new connection, says whether the database itself answers.
        try:
            await probe()
        except Exception:
            await probe()

    try:
        await asyncio.wait_for(twice(), limit_s)
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


def consumer_state(consumer: EventConsumer) -> dict[str, object]:
    """{"up": running in its group, "assigned_partitions": how many it holds}; 0 partitions is normal
    for a replica beyond the partition count (it stands by) and during a rebalance."""
    kc = kafka_consumer(consumer)
    up = kc is not None and not getattr(kc, "_closed", False)
    partitions = len(kc.assignment()) if up else 0
    CONSUMER_UP.labels(consumer.name).set(1 if up else 0)
    CONSUMER_ASSIGNED.labels(consumer.name).set(partitions)
    return {"up": up, "assigned_partitions": partitions}


async def consumer_health(
    consumers: list[EventConsumer], kafka: KafkaConnection, limit_s: float
) -> dict[str, object]:
    """The broker's reachability and each consumer's state; `healthy` when the broker answers and
    every consumer runs (holding partitions or not: the group, not one pod, must cover them)."""
    broker = await broker_ready(kafka, limit_s)
    states = {c.name: consumer_state(c) for c in consumers}
    healthy = broker and all(st["up"] for st in states.values())
    return {"healthy": healthy, "broker": broker, "consumers": states}


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
        consumer_state(consumer)
        await publish_lag(consumer, CONSUMER_LAG)
