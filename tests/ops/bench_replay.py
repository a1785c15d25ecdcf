"""Replay speed beside the raw consume rate (`python -m tests.ops.bench_replay`; Tansu on 19792).

N submissions for a Jinan district go on the applications topic; review-370100 is rebuilt from
them into an empty database (each opens a case and a task and writes an outbox row).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaProducer

from console.cli import create_service_app
from console.local.broker import EmbeddedBroker
from console.ops.replay import replay
from shared.db.engine import with_database
from shared.events.topics import APPLICATIONS
from shared.messaging.kafka_security import KafkaConnection
from shared.runtime.topics import ensure_topics
from shared.settings import Settings
from tests.support.kafka_tools import read_all, submitted_record
from tests.support.postgres import drop_database


async def main(n: int, server: str) -> None:
    broker = EmbeddedBroker(Path("/tmp/ops-bench-tansu"), port=19792)
    broker.start()
    db = with_database(server, f"ops_bench_{uuid.uuid4().hex[:8]}")
    try:
        await ensure_topics(KafkaConnection(broker.bootstrap), replication=1)
        producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, acks="all", linger_ms=5)
        await producer.start()
        for _ in range(n):
            app_id, value, headers = submitted_record()
            await producer.send(APPLICATIONS, value, key=app_id.encode(), headers=headers)
        await producer.flush()
        await producer.stop()
        started = time.perf_counter()
        records = await read_all(broker.bootstrap, APPLICATIONS, timeout_ms=300)
        raw = len(records) / (time.perf_counter() - started - 0.3)
        settings = Settings(
            service="review", jurisdiction="370100", database_url=db, kafka_bootstrap_servers=broker.bootstrap
        )
        report = await replay(create_service_app("review", settings).state.runtime)
        again = await replay(create_service_app("review", settings).state.runtime)
        print(f"raw consume: {len(records)} records, {raw:.0f} records/s")
        print(f"replay (empty database): {report.line()}")
        print(f"replay again (all in the inbox): {again.line()}")
    finally:
        await drop_database(db)
        broker.stop()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    asyncio.run(
        main(
            count,
            os.environ.get(
                "ZONES_TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
            ),
        )
    )
