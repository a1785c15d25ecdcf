"""Read what a topic holds from its beginning up to its end as it is now (no consumer group)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.messaging import kafka_clients
from shared.messaging.kafka_security import KafkaConnection


async def end_offsets(consumer: AIOKafkaConsumer, topics: list[str]) -> dict[TopicPartition, tuple[int, int]]:
    """{partition: (first offset, end offset)} of every partition of `topics` (the end is an
    estimate on the local broker, see `read_history`)."""
    for topic in topics:
        consumer._client.add_topic(topic)
    await consumer._client.force_metadata_update()
    parts = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
    first = await consumer.beginning_offsets(parts)
    end = await consumer.end_offsets(parts)
    return {tp: (first[tp], end[tp]) for tp in parts}


async def open_reader(kafka: KafkaConnection, fetch_max_wait_ms: int = 10) -> AIOKafkaConsumer:
    consumer = kafka_clients.consumer(
        kafka,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=fetch_max_wait_ms,
        max_partition_fetch_bytes=4 * 1024 * 1024,
    )
    await consumer.start()
    return consumer


async def read_history(
    consumer: AIOKafkaConsumer, topics: list[str], batch: int = 500, idle_ms: int = 500
) -> AsyncIterator[list[Any]]:
    """Batches of records of `topics`, each partition in order, from its first offset until nothing
    more arrives for `idle_ms`.

    Not bounded by `end_offsets`: the local broker answers ListOffsets(latest) below the true
    high-water mark (by the last batch), so a read bounded by it silently misses records.
    Topics are read one after another, in the order given; the order that matters (within one
    key, so within one partition) is kept.
    """
    for topic in topics:
        consumer._client.add_topic(topic)  # learn its partitions (no subscription here)
        await consumer._client.force_metadata_update()
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not parts:
            continue
        first = await consumer.beginning_offsets(parts)
        consumer.assign(parts)
        for tp in parts:
            consumer.seek(tp, first[tp])
        while fetched := await consumer.getmany(timeout_ms=idle_ms, max_records=batch):
            for records in fetched.values():
                if records:
                    yield records


async def close_reader(consumer: AIOKafkaConsumer) -> None:
    """Stop a reader. aiokafka's no-group coordinator can surface the cancellation of its own
    housekeeping task from `stop()`; that one is not ours to propagate."""
    await asyncio.sleep(0)
    with contextlib.suppress(asyncio.CancelledError):
        await consumer.stop()
