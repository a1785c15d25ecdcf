"""One service process: database, broker, consumers, outbox relay and HTTP API, started and stopped
together."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import structlog
from fastapi import FastAPI, Request, Response
from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from shared.clock import Clock, FileClock, SystemClock
from shared.db.engine import asyncpg_dsn, ensure_database, make_engine, session_factory
from shared.db.inbox_names import adopt_inbox
from shared.db.migrations import upgrade
from shared.http.access import AccessLog
from shared.http.errors import install_error_handlers
from shared.http.perimeter import MAX_BODY, install_perimeter
from shared.logging import configure_logging
from shared.messaging.broker import make_broker, origin_headers
from shared.messaging.consumer import EventConsumer
from shared.messaging.kafka_security import KafkaConnection
from shared.messaging.relay import OutboxRelay
from shared.runtime import readiness
from shared.runtime.metrics import announce_instance
from shared.runtime.ops_routes import install_ops_routes
from shared.runtime.shutdown import Deadline, StopBudget
from shared.security.signing import load_signer, sign_record
from shared.settings import Settings

log = structlog.get_logger()


@dataclass
class ServiceRuntime:
    settings: Settings
    migrations: Path
    clock: Clock = field(default_factory=SystemClock)
    consumers: list[EventConsumer] = field(default_factory=list)
    background: list[Callable[[ServiceRuntime], Any]] = field(default_factory=list)
    engine: AsyncEngine = field(init=False)
    sessions: async_sessionmaker[AsyncSession] = field(init=False)
    broker: KafkaBroker = field(init=False)
    relay: OutboxRelay = field(init=False)
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list, init=False)
    stopping: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        s = self.settings
        if isinstance(self.clock, SystemClock) and s.clock_file:
            self.clock = FileClock(s.clock_file, timedelta(seconds=s.clock_offset_seconds))
        elif isinstance(self.clock, SystemClock) and s.clock_offset_seconds:
            self.clock = SystemClock(timedelta(seconds=s.clock_offset_seconds))
        self.engine = make_engine(s.database_url, pool_size=s.db_pool_size)
        self.sessions = session_factory(self.engine)
        self.broker = make_broker(s)

        signer = load_signer(s)
        origin = origin_headers(s)  # where clusters are mirrored: the cluster a record started on

        async def publish(topic: str, key: bytes, value: bytes, headers: dict[str, str]) -> Any:
            headers = {**headers, **origin}
            if signer is not None:  # signed on the way out: a republish after rotation carries the new key
                headers = sign_record(signer, headers, value, topic, key)
            return await self.broker.publish(value, topic, key=key, headers=headers, no_confirm=True)

        self.relay = OutboxRelay(
            asyncpg_dsn(s.database_url),
            publish,
            batch_size=s.outbox_batch_size,
            poll_interval=s.outbox_poll_interval_ms / 1000,
            retention=timedelta(days=s.outbox_retention_days),
        )

    def add_consumer(self, consumer: EventConsumer) -> None:
        consumer.now = lambda: self.clock.now()  # the service's clock judges an event's date
        consumer.register(self.broker)
        self.consumers.append(consumer)

    async def start(self) -> None:
        s = self.settings
        if s.migrate_on_start:
            await ensure_database(s.database_url)
            await asyncio.to_thread(upgrade, self.migrations, s.database_url)
        if s.service != "review":  # review's instances always had their jurisdiction in the name
            adopted = await adopt_inbox(self.engine, s.service, s.instance)
            if adopted:
                log.info("inbox_adopted", old=s.service, new=s.instance, rows=adopted)
        await self.broker.start()
        self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        for job in self.background:
            self._tasks.append(asyncio.create_task(job(self)))
        log.info("service_started", instance=s.instance, port=s.http_port)

    @property
    def stop_budget(self) -> StopBudget:
        return StopBudget.of(self.settings.stop_timeout_s, self.settings.shutdown_timeout_s)

    async def stop(self) -> None:
        """Graceful stop, after uvicorn's HTTP share of `stop_timeout_s` (shutdown.py): take no new
        messages, finish the held one (its offset is committed after it), flush the outbox, then leave
        the group and close the producer; drain and close share one deadline."""
        self.stopping = True
        budget = self.stop_budget
        deadline = Deadline(budget.drain_s + budget.close_s)
        try:
            await asyncio.wait_for(self._drain(), budget.drain_s)
        except Exception as exc:
            log.warning("graceful_stop_incomplete", error=repr(exc))
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, deadline.left())
        # A broker that has gone away must not hold a SIGTERM hostage: it gets what is left of the deadline.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.broker.stop(), deadline.left())
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.engine.dispose(), deadline.left())
        log.info("service_stopped", instance=self.settings.instance)

    async def _drain(self) -> None:
        for consumer in self.consumers:
            if consumer.subscriber is not None:
                await consumer.subscriber.stop()  # waits for the message in hand, then leaves the group
        self.relay.stop()
        relay = next((t for t in self._tasks if t.get_name() == "outbox-relay"), None)
        if relay is not None:
            await relay  # publishes what is committed, then returns
        log.info("service_drained", published=self.relay.published)

    async def database_ready(self) -> bool:
        return await readiness.database_ready(self.engine, self.settings.readiness_timeout_s)

    async def readiness(self) -> dict[str, bool]:
        """Each check of /readyz, the HTTP side only: database, migrations current, not stopping."""
        t = self.settings.readiness_timeout_s
        db = await readiness.database_ready(self.engine, t)
        return {
            "database": db,
            "migrations": db and await readiness.migrations_current(self.engine, self.migrations, t),
            "running": not self.stopping,
        }

    async def consumer_health(self) -> dict[str, object]:
        """/healthz/consumers: the broker reachable and each consumer running, with its partitions."""
        kafka = KafkaConnection.of(self.settings)
        return await readiness.consumer_health(self.consumers, kafka, self.settings.readiness_timeout_s)


def build_app(runtime: ServiceRuntime, title: str, routers: list[Any], upload_max: int = MAX_BODY) -> FastAPI:
    """The FastAPI app of a service; its lifespan starts and stops the runtime. Its perimeter
    (shared/http/perimeter.py) refuses a caller without a token, and a body over 8 MB (an upload over
    `upload_max`), before any of it is read."""
    s = runtime.settings

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        configure_logging(
            s.log_level, s.log_json, service=s.service, jurisdiction=s.jurisdiction, instance=s.instance
        )
        announce_instance(s.service, s.jurisdiction, s.instance)
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    # /docs and /openapi.json are public (shared/http/perimeter.py); ReDoc and the OAuth2 redirect are unused
    app = FastAPI(
        title=title, lifespan=lifespan, version="1", redoc_url=None, swagger_ui_oauth2_redirect_url=None
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    install_perimeter(app, s, upload_max)  # runs before the error middleware reads a body

    @app.middleware("http")
    async def correlate(request: Request, call_next: Any) -> Response:
        """Every request has a correlation id (X-Correlation-Id, or a new one): in its logs, in the
        events it causes, and in the response."""
        cid = request.headers.get("x-correlation-id") or str(uuid.uuid4())
        request.state.correlation_id = cid
        structlog.contextvars.bind_contextvars(correlation_id=cid)
        try:
            response: Response = await call_next(request)
        finally:
            structlog.contextvars.unbind_contextvars("correlation_id")
        response.headers["x-correlation-id"] = cid
        return response

    for router in routers:
        app.include_router(router)

    install_ops_routes(app, runtime)
    app.add_middleware(AccessLog)  # added last: outermost, it times and logs every answer, refusals too
    _declare_bearer(app)
    return app


def _declare_bearer(app: FastAPI) -> None:
    """The OpenAPI document says every route takes a bearer token (so /docs has an Authorize button)."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "`zones token create`"}
            }
            schema["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
