"""Bootstrap by replay: rebuild an instance's state from the retained history on its topics.

Every record of the consumer's topics, from the first offset to today's end, goes through the
consumer's own path (inbox claim, handlers, commit: one transaction per fetched batch, as live),
so the state is the one the live service would have built, and replaying again changes nothing.
While replaying, "now" is each event's own time (its `ce_time`), so dates derived from it come out
as they did. Events the handlers emit again carry the ids they had (deterministic ids for caused
events); those already on the topics are marked published, the others are left for the relay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from shared.db.engine import ensure_database
from shared.db.migrations import upgrade
from shared.messaging.history import close_reader, end_offsets, open_reader, read_history
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.service import ServiceRuntime


class CauseClock:
    """The time of the event being applied."""

    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def now(self) -> datetime:
        return self.at

    def set_from(self, record: Any) -> None:
        """The record's `ce_time`, else its broker timestamp."""
        self.at = _event_time(record) or datetime.fromtimestamp(record.timestamp / 1000, UTC)


class _KeepDeadLetters:
    """Records that fail again were dead-lettered the first time: count them, do not send them twice."""

    def __init__(self) -> None:
        self.count = 0

    async def publish(self, *_args: Any, **_kwargs: Any) -> None:
        self.count += 1


@dataclass
class ReplayReport:
    records: int = 0
    applied: int = 0
    dead_letters: int = 0
    already_published: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.records} records read, {self.applied} applied, {self.records - self.applied} "
            f"ignored or already applied, {self.dead_letters} failing (not dead-lettered again), "
            f"{self.already_published} re-emitted events already on the topics; "
            f"{self.seconds:.1f} s, {self.rate:.0f} events/s"
        )


def _event_time(record: Any) -> datetime | None:
    for k, v in record.headers or ():
        if k == "ce_time":
            try:
                return datetime.fromisoformat(v.decode())
            except ValueError:
                return None
    return None


async def replay(runtime: ServiceRuntime, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Apply the retained history to `runtime`'s database (migrated first); the service must not be
    running its consumers meanwhile."""
    s = runtime.settings
    await ensure_database(s.database_url)
    await asyncio.to_thread(upgrade, runtime.migrations, s.database_url)
    clock = CauseClock()
    runtime.clock = clock
    report, seen = ReplayReport(), list[str]()
    reader = await open_reader(KafkaConnection.of(s))
    started = time.perf_counter()
    try:
        for consumer in runtime.consumers:
            keep = _KeepDeadLetters()
            consumer.broker = keep  # type: ignore[assignment]
            handled = consumer.handled
            bounds = await end_offsets(reader, consumer.topics)  # an estimate on the local broker
            total = report.records + sum(end - first for first, end in bounds.values())
            consumer.on_record = clock.set_from
            async for batch in read_history(reader, consumer.topics, batch=s.consumer_batch_size):
                await consumer.handle_batch(batch)  # one transaction per batch, as the live consumer
                seen.extend(v.decode() for r in batch for k, v in r.headers or () if k == "ce_id")
                report.records += len(batch)
                if progress:
                    progress(report.records, max(total, report.records))
            report.applied += consumer.handled - handled
            report.dead_letters += keep.count
        report.already_published = await _mark_published(runtime, seen)
    finally:
        await close_reader(reader)
        await runtime.engine.dispose()
    report.seconds = time.perf_counter() - started
    return report


async def _mark_published(runtime: ServiceRuntime, event_ids: list[str]) -> int:
    async with runtime.engine.begin() as conn:
        result = await conn.execute(
            text(
                "UPDATE outbox SET published_at = now() WHERE published_at IS NULL AND event_id = ANY(:ids)"
            ),
            {"ids": event_ids},
        )
        return int(result.rowcount or 0)
