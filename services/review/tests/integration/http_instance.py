"""A review instance behind its HTTP routes, on a clock the test moves, fed events by its real consumer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

import httpx
from sqlalchemy import text

from services.review.bootstrap import MIGRATIONS, create_app
from services.review.entrypoints.consumers import review_consumer
from services.review.service_layer.unit_of_work import SqlReviewUnitOfWork
from shared.clock import FixedClock
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from tests.support.issuer import ISSUERS, mint
from tests.support.postgres import drop_database, fresh_database
from tests.support.sources import rightful_source


@dataclass
class HttpReview:
    me: str
    client: httpx.AsyncClient
    clock: FixedClock
    feed: Callable[[Event | Envelope], Awaitable[None]]
    sql: Callable[[str], Awaitable[list[tuple[object, ...]]]]
    dead_letters: list[str]

    def as_(self, role: str = "reviewer", who: str = "李科长") -> dict[str, str]:
        aud = Settings(service="review", jurisdiction=self.me).audience
        return {"Authorization": f"Bearer {mint(aud, who, role, self.me)}"}


@asynccontextmanager
async def http_review(pg_server: str, me: str, now: datetime) -> AsyncIterator[HttpReview]:
    """Review `me` on a fresh database: its app (routes as deployed) with a FixedClock at `now`."""
    url = await fresh_database(pg_server, f"review_http_{me}", MIGRATIONS)
    settings = Settings(
        service="review", jurisdiction=me, database_url=url, migrate_on_start=False, token_issuers=ISSUERS
    )
    app = create_app(settings)
    clock = FixedClock(now)
    runtime = app.state.runtime
    app.state.uow_factory = unit_of_work_factory(
        SqlReviewUnitOfWork, runtime.sessions, source=settings.source, clock=clock
    )
    consumer = review_consumer(settings, app.state.uow_factory, default_catalogue())
    consumer.now = clock.now
    dead_letters: list[str] = []

    async def publish(value: bytes, topic: str, *, key: bytes, headers: dict[str, str]) -> None:
        dead_letters.append(headers.get("x-dlq-reason", ""))

    consumer.broker = SimpleNamespace(publish=publish)  # type: ignore[assignment]  # the dead-letter topic

    async def feed(item: Event | Envelope) -> None:
        env = (
            item
            if isinstance(item, Envelope)
            else Envelope.wrap(item, source=rightful_source(item), time=clock.now())
        )
        record = SimpleNamespace(
            headers=[(k, v.encode()) for k, v in env.headers().items()],
            value=env.value(),
            key=env.subject.encode(),
            topic=env.topic,
            partition=0,
            offset=0,
        )
        await consumer.handle_record(record)

    async def sql(query: str) -> list[tuple[object, ...]]:
        async with runtime.engine.connect() as conn:
            return [tuple(r) for r in (await conn.execute(text(query))).all()]

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://review") as client:
        inst = HttpReview(me, client, clock, feed, sql, dead_letters)
        client.headers.update(inst.as_())
        yield inst
    await runtime.engine.dispose()
    await drop_database(url)
