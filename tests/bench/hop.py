"""`make bench`: one event hop through a real service beside the raw baseline, same broker, same database.

Throughput: a burst of N events, events/s from the first send to the last output.
Latency: one event at a time (send, wait for its output), p50 and p99.
Then replay (tests/bench/replay.py): the instance rebuilt from its topics, fresh and again.
Not a test: it prints figures; docs/PERFORMANCE.md records them.

The applicants are spread over every county-level code under 济南市 (370101-370199, known or not), as
on a deadline day when each county sends its own; a second burst to one county (370103) is reported
on its own row, apart from the throughput ratio.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from console.local.stack import ROOT, Instance, LocalStack
from shared.db.engine import asyncpg_dsn, ensure_database, with_database
from shared.events.topics import APPLICATIONS
from tests.bench.raw_baseline import run_raw_hop
from tests.bench.replay import REPLAY_ADDED, bench_replay, table
from tests.support.kafka_tools import submitted_record

BURST = int(os.environ.get("BENCH_BURST", "1000"))
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "200"))
COUNTIES = [f"3701{n:02d}" for n in range(1, 100)]  # county level under review-370100's 济南市
ONE_COUNTY = ["370103"]
# ports of the bench's own stack; set BENCH_*_PORT where several people share one machine
PORTS = {
    name: int(os.environ.get(f"BENCH_{name.upper()}_PORT", default))
    for name, default in (("http", 9201), ("pg", 55434), ("kafka", 19292), ("smtp", 1225))
}


def submitted(code: str) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    app_id, value, headers = submitted_record(code)
    return app_id.encode(), value, headers


class Hop:
    """Send inputs to one topic and time their outputs on another (matched by record key)."""

    def __init__(
        self, bootstrap: str, in_topic: str, out_topic: str, is_output: Callable[[object], bool]
    ) -> None:
        self.bootstrap, self.in_topic, self.out_topic, self.is_output = (
            bootstrap,
            in_topic,
            out_topic,
            is_output,
        )
        self.sent: dict[bytes, float] = {}
        self.arrived: dict[bytes, float] = {}
        self._waiters: dict[bytes, asyncio.Future[float]] = {}

    async def __aenter__(self) -> Hop:
        self.producer = AIOKafkaProducer(bootstrap_servers=self.bootstrap, acks="all", linger_ms=0)
        self.collector = AIOKafkaConsumer(
            self.out_topic,
            bootstrap_servers=self.bootstrap,
            group_id=None,
            auto_offset_reset="latest",
            fetch_max_wait_ms=10,
        )
        await self.producer.start()
        await self.collector.start()
        await self.collector.seek_to_end()
        self._task = asyncio.create_task(self._collect())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._task.cancel()
        await self.collector.stop()
        await self.producer.stop()

    async def _collect(self) -> None:
        async for rec in self.collector:
            if rec.key in self.sent and self.is_output(rec) and rec.key not in self.arrived:
                self.arrived[rec.key] = time.perf_counter()
                if (fut := self._waiters.pop(rec.key, None)) is not None:
                    fut.set_result(self.arrived[rec.key])

    async def send(self, code: str, wait: bool) -> float:
        key, value, headers = submitted(code)
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters[key] = fut
        self.sent[key] = time.perf_counter()
        await self.producer.send_and_wait(self.in_topic, value, key=key, headers=headers)
        return (await asyncio.wait_for(fut, 60)) - self.sent[key] if wait else 0.0

    async def measure(self, codes: list[str], sequential: int = SEQUENTIAL) -> dict[str, float]:
        """Latency over `sequential` one-at-a-time events, then throughput of a burst; applicants
        taken in turn from `codes`."""
        await self.send(codes[0], wait=True)  # warm-up: the consumer group has joined and is assigned
        latencies = sorted([await self.send(codes[i % len(codes)], wait=True) for i in range(sequential)])
        start = time.perf_counter()
        keys = []
        for i in range(BURST):
            key, value, headers = submitted(codes[i % len(codes)])
            self.sent[key] = time.perf_counter()
            keys.append(key)
            await self.producer.send(self.in_topic, value, key=key, headers=headers)
        deadline = time.monotonic() + 300
        while any(k not in self.arrived for k in keys) and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        done = [self.arrived[k] for k in keys if k in self.arrived]
        return {
            "events_per_s": len(done) / (max(done) - start),
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
            "lost": float(BURST - len(done)),
        }


async def bench(stack: LocalStack) -> dict[str, dict[str, float]]:
    raw_url = with_database(stack.server_url, "bench_raw")
    await ensure_database(raw_url)
    stop = asyncio.Event()
    raw_task = asyncio.create_task(
        run_raw_hop(asyncpg_dsn(raw_url), stack.bootstrap, "bench.raw.in", "bench.raw.out", stop)
    )
    async with Hop(stack.bootstrap, "bench.raw.in", "bench.raw.out", lambda r: True) as hop:
        raw = await hop.measure(COUNTIES)
    stop.set()
    await raw_task

    def task_opened(rec: object) -> bool:
        return ("ce_type", b"zones.review.task_opened.v1") in list(rec.headers)  # type: ignore[attr-defined]

    async with Hop(stack.bootstrap, APPLICATIONS, APPLICATIONS, task_opened) as hop:
        service = await hop.measure(COUNTIES)
        one_county = await hop.measure(ONE_COUNTY, sequential=20)
    review = stack.topology[0]  # again, one record per transaction (the path before batching)
    stack.kill(review.name)
    stack.start(review, extra={"ZONES_CONSUMER_BATCH_SIZE": "1"})
    await asyncio.to_thread(stack.wait_healthy, review)
    async with Hop(stack.bootstrap, APPLICATIONS, APPLICATIONS, task_opened) as hop:
        one_by_one = await hop.measure(COUNTIES)
    return {
        "raw asyncpg + aiokafka loop": raw,
        "review-370100 service": service,
        "review-370100, every event from one county (370103)": one_county,
        "review-370100, one record per transaction (ZONES_CONSUMER_BATCH_SIZE=1)": one_by_one,
    }


def main() -> None:
    review = Instance("review", "370100", PORTS["http"])
    stack = LocalStack(
        ROOT / ".zones" / "bench",
        [review],
        pg_port=PORTS["pg"],
        kafka_port=PORTS["kafka"],
        smtp_port=PORTS["smtp"],
        database_prefix=f"bench{uuid.uuid4().hex[:6]}",
        extra_env={"ZONES_LOG_LEVEL": "WARNING"},
    )
    stack.start_infrastructure()
    try:
        asyncio.run(_create_raw_topics(stack.bootstrap))
        stack.start_all()
        results = asyncio.run(bench(stack))
        stack.kill(review.name)  # replay needs the instance's consumers stopped
        replayed = asyncio.run(bench_replay(stack.server_url, stack.bootstrap, sizes=(100, 1)))
    finally:
        stack.stop()
    print(
        f"\none event hop, {SEQUENTIAL} sequential (latency) + burst of {BURST} (throughput), "
        f"applicants from {len(COUNTIES)} counties (one-county row: 20 sequential; last row: the same "
        "service restarted to apply one record per transaction, as before batching), "
        f"Tansu + embedded PostgreSQL, {os.cpu_count()} cores\n"
    )
    print("| path | events/s | p50 ms | p99 ms | lost |\n|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['events_per_s']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['lost']:.0f} |"
        )
    raw, svc = results["raw asyncpg + aiokafka loop"], results["review-370100 service"]
    print(
        f"\nratio service/raw: throughput {svc['events_per_s'] / raw['events_per_s']:.2f}, "
        f"p50 latency {svc['p50_ms'] / raw['p50_ms']:.2f}x, p99 latency {svc['p99_ms'] / raw['p99_ms']:.2f}x"
    )
    print(f"\nreplay of review-370100's topics (the hop's events plus {REPLAY_ADDED} submissions)\n")
    print(table(replayed, sizes=(100, 1)))


async def _create_raw_topics(bootstrap: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        new = [NewTopic(t, 4, 1) for t in ("bench.raw.in", "bench.raw.out") if t not in existing]
        if new:
            await admin.create_topics(new)
    finally:
        await admin.close()


if __name__ == "__main__":
    main()
