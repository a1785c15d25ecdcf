"""`make bench`, second part: the deadline-day surge (issue 16 points 3 and 4).

One application per county-level unit of the official division table (shared/divisions/), submitted
through intake's HTTP API within one minute, each with its own county's bearer token, to a local stack
of real processes (Tansu, embedded PostgreSQL): intake-000000 and the review instance of every
province. The programme is national-zones, whose first stage is the provincial review (000:41-43), so
each application must become exactly one open task at its province: a municipality's district at
北京/天津/上海/重庆 itself, 仙桃 429004 at 湖北 420000. Tasks are watched in the review databases
(read-only) for the latency, then counted through each review instance's HTTP API: 0 errors, 0 lost,
0 duplicated, each at the owner the programme names. Prints time to drain, p50/p99 submission → task
visible and the peak RSS of every service process. Not a test; docs/PERFORMANCE.md records the figures.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from pathlib import Path

from console.local.stack import ROOT, Instance, LocalStack
from shared import jurisdictions as j
from shared.db.engine import with_database
from tests.bench.surge_run import Surge, peak_rss_kib
from tests.support.postgres import drop_database

BASE_PORT = int(os.environ.get("BENCH_SURGE_BASE_PORT", "9301"))
PG_PORT = int(os.environ.get("BENCH_SURGE_PG_PORT", "55435"))
KAFKA_PORT = int(os.environ.get("BENCH_SURGE_KAFKA_PORT", "19392"))
SMTP_PORT = int(os.environ.get("BENCH_SURGE_SMTP_PORT", "1325"))
WINDOW_S = float(os.environ.get("BENCH_SURGE_WINDOW_S", "55"))  # submissions spread over this
LIMIT = int(os.environ.get("BENCH_SURGE_LIMIT", "0"))  # 0: every county-level unit


def counties(limit: int = 0) -> list[str]:
    """The applicants: every county-level unit, or `limit` of them spread over the provinces."""
    units = list(j.county_level_units())
    if not limit or limit >= len(units):
        return units
    step = len(units) / limit
    return [units[int(i * step)] for i in range(limit)]


def topology(codes: list[str], base_port: int) -> list[Instance]:
    provinces = sorted({j.owner_at(c, j.Level.PROVINCE) or j.NATIONAL for c in codes})
    return [
        Instance("intake", j.NATIONAL, base_port),
        *(Instance("review", code, base_port + 1 + i) for i, code in enumerate(provinces)),
    ]


def run(codes: list[str], workdir: Path, base_port: int, window_s: float) -> dict[str, object]:
    """Start the stack, run the surge, stop the stack; the figures."""
    stack = LocalStack(
        workdir,
        topology(codes, base_port),
        pg_port=PG_PORT,
        kafka_port=KAFKA_PORT,
        smtp_port=SMTP_PORT,
        auth=True,
        database_prefix=f"surge{uuid.uuid4().hex[:6]}",
        extra_env={"ZONES_LOG_LEVEL": "WARNING"},
    )
    started = time.perf_counter()
    stack.start_infrastructure()
    try:
        stack.start_all()
        ready = time.perf_counter() - started
        figures = asyncio.run(Surge(stack, codes).run(window_s))
        figures["stack_ready_s"] = ready
        figures["rss"] = {key: peak_rss_kib(proc.pid) for key, proc in stack.processes.items()}
    finally:
        stack.stop()
        asyncio.run(_drop_databases(stack))
    return figures


async def _drop_databases(stack: LocalStack) -> None:
    for inst in stack.topology:
        await drop_database(with_database(stack.server_url, inst.database(stack.database_prefix)))


def report(codes: list[str], f: dict[str, object]) -> None:
    lat = sorted(f["latencies"])  # type: ignore[call-overload]
    print(f"\ndeadline-day surge: {len(codes)} county-level units of the {j.division_table().year} table")
    print(f"(the issue's 2,851 is the ministry's count for an earlier year), {os.cpu_count()} cores")
    print(f"stack of {len(f['rss'])} service processes ready in {f['stack_ready_s']:.0f} s")  # type: ignore[arg-type]
    print(
        f"submitted in {f['submit_s']:.1f} s (last 201 at {f['last_201_s']:.1f} s): {f['accepted']} accepted "
        f"(201), {f['errors']} errors, {f['retries']} busy answers (503) tried again"
    )
    print(f"drained (last task visible) {f['drain_s']:.1f} s after the first submission")
    if lat:
        p99 = lat[int(0.99 * (len(lat) - 1))]
        print(
            f"submission → task visible: p50 {1000 * statistics.median(lat):.0f} ms, p99 {1000 * p99:.0f} ms"
        )
    print(
        f"review API: {f['tasks']} tasks; lost {f['lost']}, duplicated {f['duplicated']}, "
        f"misplaced {f['misplaced']}, others {f['other_tasks']}"
    )
    for sample in f["error_samples"]:  # type: ignore[attr-defined]
        print(f"  error: {sample}")
    print("\n| process | peak RSS (VmHWM) MiB | peak RSS sampled in the surge MiB |\n|---|---|---|")
    sampled: dict[str, int] = f["rss_sampled"]  # type: ignore[assignment]
    for key, kib in sorted(f["rss"].items(), key=lambda kv: -kv[1]):  # type: ignore[attr-defined]
        print(f"| {key} | {kib / 1024:.0f} | {sampled.get(key, 0) / 1024:.0f} |")


def main() -> None:
    codes = counties(LIMIT)
    figures = run(codes, ROOT / ".zones" / "surge", BASE_PORT, WINDOW_S)
    report(codes, figures)
    bad = figures["errors"] or figures["lost"] or figures["duplicated"] or figures["misplaced"]
    bad = bad or figures["other_tasks"]  # a fresh stack holds no task but the surge's
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
