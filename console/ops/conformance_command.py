"""The `zones conformance` command: read a topic's records in a time range and judge each."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import typer

from console.ops.conformance import Report, judge, summary
from shared.clock import Clock, FileClock, SystemClock
from shared.messaging.history import close_reader, open_reader, read_history
from shared.messaging.kafka_security import KafkaConnection
from shared.security.current import TrustPaths, TrustUnavailable
from shared.settings import Settings


def _instant(text: str, name: str) -> datetime:
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        typer.echo(f"--{name} {text!r} 不是带时区的 ISO 8601 时间 / is not an ISO 8601 time with an offset "
                   "(e.g. 2027-06-01T00:00:00+08:00)", err=True)  # fmt: skip
        raise typer.Exit(2)
    return at


def _clock(settings: Settings) -> Clock:
    """The receivers' clock, as a service builds it (a demo stack's offset or clock file included)."""
    offset = timedelta(seconds=settings.clock_offset_seconds)
    return FileClock(settings.clock_file, offset) if settings.clock_file else SystemClock(offset)


async def _reports(kafka: KafkaConnection, topic: str, since: datetime, until: datetime, source: str,
                   trust: TrustPaths | None, skew: timedelta, clock: Clock) -> list[Report]:  # fmt: skip
    consumer = await open_reader(kafka)
    reports: list[Report] = []
    low, high = since.timestamp() * 1000, until.timestamp() * 1000
    try:
        async for batch in read_history(consumer, [topic]):
            for record in batch:
                if not low <= record.timestamp < high or (source and _source(record) != source):
                    continue
                reports.append(judge(record, trust, clock.now(), skew))
    finally:
        await close_reader(consumer)
    return reports


def _source(record: Any) -> str:
    return next((v.decode("utf-8", "replace") for k, v in record.headers or () if k == "ce_source"), "")


def conformance(
    topic: str = typer.Option(..., help="The topic your system publishes to, e.g. zones.applications.v1"),
    since: str = typer.Option(..., help="From this time (record timestamp), ISO 8601 with an offset"),
    until: str = typer.Option(..., help="Until this time (excluded), ISO 8601 with an offset"),
    bootstrap: str = typer.Option("", help="Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS)"),
    source: str = typer.Option("", help="Only records of this ce_source, e.g. /jurisdictions/370100/review"),
) -> None:
    """Check your own records against the event contract: headers, signature, schema, authority (trust
    settings from the environment, as a service reads them). Exit 1 when a record does not conform."""
    start, end = _instant(since, "since"), _instant(until, "until")
    settings = Settings()
    trust, skew = settings.trust, timedelta(seconds=settings.event_clock_skew_s)
    kafka = KafkaConnection.of(settings, bootstrap)
    try:
        reports = asyncio.run(_reports(kafka, topic, start, end, source, trust, skew, _clock(settings)))
    except TrustUnavailable as exc:
        typer.echo(f"信任配置不可用 / the trust settings cannot be used: {exc}", err=True)
        raise typer.Exit(2) from exc
    for report in reports:
        for line in report.lines():
            typer.echo(line)
    typer.echo(summary(reports))
    raise typer.Exit(0 if reports and all(r.conforms for r in reports) else 1)


def register(app: typer.Typer) -> None:
    app.command()(conformance)
