"""Publish one signed event, as the jurisdiction's own system."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer

from municipal_system.contract import Record


async def publish(bootstrap: str, record: Record) -> None:
    """Produce `record`, acknowledged by every in-sync replica. A retry may write it twice: receivers
    drop the second copy of an event id, so the same record (same `ce_id`) may safely be sent again."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()
