"""Replay speed (`zones replay`): review-370100 rebuilt from its topics into an empty database, then
replayed again (every event already applied), beside the raw consume rate of the same records.

`make bench` runs it after the hop, on the hop's broker and PostgreSQL, with the review process
stopped: the topics then hold the hop's submissions and the tasks they opened, plus `REPLAY_ADDED`
more submissions from the counties under 济南市. Each batch size gets a database of its own.
Not a test: it prints figures.
"""

from __future__ import annotations

import os
import time
import uuid

from aiokafka import AIOKafkaProducer

from console.cli import create_service_app
from console.ops.replay import ReplayReport, replay
from shared.db.engine import with_database
from shared.events.topics import APPLICATIONS
from shared.logging import configure_logging
from shared.settings import Settings
from tests.support.kafka_tools import read_all, submitted_record
from tests.support.postgres import drop_database

REPLAY_ADDED = int(os.environ.get("BENCH_REPLAY_ADDED", "1000"))
COUNTIES = [f"3701{n:02d}" for n in range(1, 100)]


async def add_submissions(bootstrap: str, n: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        for i in range(n):
            app_id, value, headers = submitted_record(COUNTIES[i % len(COUNTIES)])
            await producer.send(APPLICATIONS, value, key=app_id.encode(), headers=headers)
        await producer.flush()
    finally:
        await producer.stop()


async def bench_replay(
    server_url: str, bootstrap: str, added: int = REPLAY_ADDED, sizes: tuple[int, ...] = (100,)
) -> dict[str, float]:
    """Figures of a fresh replay and a repeat one into a new database of review-370100, for each
    batch size (`ZONES_CONSUMER_BATCH_SIZE`; 1: one record per transaction)."""
    configure_logging("WARNING")  # a line per event would be timed too
    await add_submissions(bootstrap, added)
    idle_ms = 2000  # read_all stops after this long without a record: not part of the reading
    started = time.perf_counter()
    records = await read_all(bootstrap, APPLICATIONS, timeout_ms=idle_ms)
    figures = {"raw_records_per_s": len(records) / max(time.perf_counter() - started - idle_ms / 1000, 1e-3)}
    for size in sizes:
        db = with_database(server_url, f"bench_replay_{uuid.uuid4().hex[:8]}")
        settings = Settings(
            service="review",
            jurisdiction="370100",
            database_url=db,
            kafka_bootstrap_servers=bootstrap,
            consumer_batch_size=size,
        )
        try:
            for name in ("fresh", "again"):
                report = await replay(create_service_app("review", settings).state.runtime)
                figures |= _figures(f"{name}{size}", report)
        finally:
            await drop_database(db)
    return figures


def _figures(name: str, r: ReplayReport) -> dict[str, float]:
    return {
        f"{name}_records": r.records,
        f"{name}_applied": r.applied,
        f"{name}_records_per_s": r.rate,
        f"{name}_applied_per_s": r.applied / r.seconds if r.seconds else 0.0,
    }


def table(f: dict[str, float], sizes: tuple[int, ...] = (100,)) -> str:
    """The replay rows of `make bench`'s output."""
    rows = [
        "| replay | records | applied | records/s | applied events/s |",
        "|---|---|---|---|---|",
        f"| raw consume (aiokafka, no handling) | — | — | {f['raw_records_per_s']:.0f} | — |",
    ]
    for size in sizes:
        for name, label in (("fresh", "into an empty database"), ("again", "again (all already applied)")):
            key = f"{name}{size}"
            rows.append(
                f"| {label}, batches of {size} | {f[f'{key}_records']:.0f} | {f[f'{key}_applied']:.0f} "
                f"| {f[f'{key}_records_per_s']:.0f} | {f[f'{key}_applied_per_s']:.0f} |"
            )
    return "\n".join(rows)
