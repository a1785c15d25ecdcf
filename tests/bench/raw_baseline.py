"""The raw baseline: the same hop written directly on asyncpg and aiokafka, no framework.

consume → one transaction (inbox row, state row, outbox row) → publish the outbox row (acks=all)
→ mark it published → commit the offset.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (consumer text, event_id text, PRIMARY KEY (consumer, event_id));
CREATE TABLE IF NOT EXISTS state (id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id bigserial PRIMARY KEY, topic text, key text, value text,
                                   headers jsonb, published_at timestamptz);
"""


async def run_raw_hop(dsn: str, bootstrap: str, in_topic: str, out_topic: str, stop: asyncio.Event) -> None:
    conn = await asyncpg.connect(dsn)
    await conn.execute(SCHEMA)
    consumer = AIOKafkaConsumer(
        in_topic,
        bootstrap_servers=bootstrap,
        group_id="bench-raw",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=10,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await consumer.start()
    await producer.start()
    try:
        while not stop.is_set():
            batch = await consumer.getmany(timeout_ms=100, max_records=1)
            for records in batch.values():
                for rec in records:
                    await _hop(conn, producer, rec, out_topic)
                    await consumer.commit()
    finally:
        await consumer.stop()
        await producer.stop()
        await conn.close()


async def _hop(conn: asyncpg.Connection, producer: AIOKafkaProducer, rec: Any, out_topic: str) -> None:
    headers = {k: v.decode() for k, v in rec.headers}
    event_id = headers["ce_id"]
    async with conn.transaction():
        fresh = await conn.fetchval(
            "INSERT INTO inbox VALUES ('bench-raw', $1) ON CONFLICT DO NOTHING RETURNING event_id", event_id
        )
        if fresh is None:
            return
        key = rec.key.decode()
        await conn.execute("INSERT INTO state VALUES ($1, $2::jsonb)", key, rec.value.decode())
        out_headers = {**headers, "ce_id": f"out-{event_id}", "ce_type": "bench.raw.done"}
        row_id = await conn.fetchval(
            "INSERT INTO outbox (topic, key, value, headers) VALUES ($1, $2, $3, $4::jsonb) RETURNING id",
            out_topic,
            key,
            rec.value.decode(),
            json.dumps(out_headers),
        )
    await producer.send_and_wait(
        out_topic,
        rec.value,
        key=rec.key,
        headers=[(k, v.encode()) for k, v in out_headers.items()],
    )
    await conn.execute("UPDATE outbox SET published_at = now() WHERE id = $1", row_id)
