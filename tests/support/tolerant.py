"""Tolerant-reader twins, against real PostgreSQL: the same envelopes (same ids) go through a service's
real consumer twice, into two fresh databases — as sent, and carrying a field a later minor version
added (top level and in every nested object). Both runs must give the same verdicts and the same rows
per table after every event, and the added field must be nowhere in the second database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db.engine import make_engine
from shared.events.envelope import Envelope
from shared.messaging.consumer import EventConsumer
from tests.support.postgres import drop_database, fresh_database

MARK = "added_in_a_later_minor"
ConsumerFor = Callable[[AsyncEngine], EventConsumer[Any]]
Prepared = Callable[[AsyncEngine], Awaitable[None]]  # a prerequisite the receiver's own commands make
Step = Envelope | tuple[Prepared, Envelope]


def newer(env: Envelope) -> Envelope:
    """`env` with an unknown optional field at the top level and inside each nested object."""
    data: dict[str, Any] = {
        k: ({**v, MARK: "嵌套"} if isinstance(v, dict) else v) for k, v in env.data.items()
    }
    return replace(env, data={**data, MARK: {"note": "a later minor version's optional field"}})


def record(env: Envelope, offset: int) -> SimpleNamespace:
    """The Kafka record the sender's relay would have published."""
    return SimpleNamespace(
        headers=[(k, v.encode()) for k, v in env.headers().items()], value=env.value(),
        key=env.subject.encode(), topic=env.topic, partition=0, offset=offset,
    )  # fmt: skip


async def rows_holding(engine: AsyncEngine, needle: str | None) -> dict[str, int]:
    """Rows per public table (whose text holds `needle`, if given)."""
    found: dict[str, int] = {}
    async with engine.connect() as conn:
        names = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        for (name,) in names.all():
            where = "t::text LIKE :n" if needle else "true"
            sql = text(f'SELECT count(*) FROM "{name}" t WHERE {where}')
            found[name] = int((await conn.execute(sql, {"n": f"%{needle}%"})).scalar_one())
    return found


async def scalar(engine: AsyncEngine, sql: str) -> object:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql))).scalar()


@dataclass
class Twins:
    verdicts: list[tuple[str, str]]  # (event type, verdict of the newer copy)
    rows: dict[str, int]  # rows per table after the last event (the same in both databases)
    marked: dict[str, int]  # rows holding MARK per table of the newer run's database
    probes: list[dict[str, object]]  # each probe's value after each event (the same in both databases)


async def run_twins(
    pg_server: str,
    migrations: Path,
    name: str,
    consumer_for: ConsumerFor,
    steps: Sequence[Step],
    probes: Mapping[str, str],
) -> Twins:
    urls = [await fresh_database(pg_server, f"{name}_{w}", migrations) for w in ("plain", "newer")]
    engines = [make_engine(url, pool_size=2) for url in urls]
    try:
        plain, later = (consumer_for(e) for e in engines)
        verdicts, rows, seen, sent = [], {}, [], []
        for offset, step in enumerate(steps):
            if isinstance(step, tuple):
                for engine in engines:
                    await step[0](engine)
            env = step[1] if isinstance(step, tuple) else step
            as_sent = await plain.handle_record(record(env, offset))
            marked = newer(env)
            nested = sum(isinstance(v, dict) for v in env.data.values())
            assert marked.value().decode().count(f'"{MARK}"') == 1 + nested, env.type  # it does carry them
            verdict = await later.handle_record(record(marked, offset))
            assert verdict == as_sent, (env.type, verdict, as_sent)
            rows = await rows_holding(engines[0], None)
            assert await rows_holding(engines[1], None) == rows, env.type
            verdicts.append((env.type, verdict))
            sent.append(env)
            found = [{k: await scalar(e, sql) for k, sql in probes.items()} for e in engines]
            assert found[0] == found[1], env.type
            seen.append(found[1])
        assert plain.dead_lettered == later.dead_lettered == 0
        # the search sees what was kept: each event's id is in the inbox, once
        for each in sent:
            assert (await rows_holding(engines[1], each.id))["inbox"] == 1, each.type
        return Twins(verdicts, rows, await rows_holding(engines[1], MARK), seen)
    finally:
        for engine, url in zip(engines, urls, strict=True):
            await engine.dispose()
            await drop_database(url)
