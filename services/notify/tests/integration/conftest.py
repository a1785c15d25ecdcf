"""Notify against real PostgreSQL and a real SMTP server (aiosmtpd) on a free port of notify's range."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.entrypoints.consumers import notify_consumer
from services.notify.service_layer.unit_of_work import SqlNotifyUnitOfWork
from services.notify.settings import NotifySettings
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory
from shared.events.envelope import Envelope
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue
from tests.support.postgres import drop_database, fresh_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
SMTP_PORTS = range(8140, 8150)
SENDER = "社区治理实验区 <noreply@zones.local>"


class MailCatcher:
    """A real SMTP server that keeps what it receives; `stop()` and `start()` simulate an outage."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[tuple[list[str], EmailMessage]] = []
        self._controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def _free_port() -> int:
    for port in SMTP_PORTS:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8140-8149")


@pytest.fixture
def smtp() -> Iterator[MailCatcher]:
    catcher = MailCatcher(_free_port())
    catcher.start()
    yield catcher
    catcher.stop()


@pytest.fixture
def mailer(smtp: MailCatcher) -> SmtpMailer:
    return SmtpMailer(host="127.0.0.1", port=smtp.port, sender=SENDER, timeout=2.0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 6, 1, 2, 0, tzinfo=UTC))


@pytest.fixture
async def database(pg_server: str) -> AsyncIterator[str]:
    url = await fresh_database(pg_server, "notify_test", MIGRATIONS)
    yield url
    await drop_database(url)


UowFactory = Callable[..., SqlNotifyUnitOfWork]


@pytest.fixture
async def uow_factory(database: str, clock: FixedClock) -> AsyncIterator[UowFactory]:
    engine = make_engine(database, pool_size=3)
    sessions = session_factory(engine)

    def factory(cause: Envelope | None = None, **kw: Any) -> SqlNotifyUnitOfWork:
        return SqlNotifyUnitOfWork(
            sessions, source="/jurisdictions/000000/notify", clock=clock, cause=cause, **kw
        )

    yield factory
    await engine.dispose()


@pytest.fixture
def consumer(database: str, uow_factory: UowFactory) -> EventConsumer:
    settings = NotifySettings(service="notify", database_url=database)
    return notify_consumer(settings, uow_factory, TemplateRenderer(), default_catalogue())


def record(env: Envelope, offset: int = 0) -> Any:
    """The Kafka record the other service's relay would have published."""
    return SimpleNamespace(
        headers=[(k, v.encode()) for k, v in env.headers().items()], value=env.value(),
        key=env.subject.encode(), topic=env.topic, partition=0, offset=offset,
    )  # fmt: skip


async def count(uow: SqlNotifyUnitOfWork, table: str, where: str = "true") -> int:
    async with uow:
        return int(
            (await uow.session.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"))).scalar_one()
        )
