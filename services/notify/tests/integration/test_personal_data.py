"""Issue 7: a liaison officer's or official's own mailbox, given to notify as a subscriber, never leaves
notify: a notification given up on reaches the dead-letter topic with the address masked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain import registration
from services.notify.domain.delivery import DeliveryStatus, RetryPolicy
from services.notify.service_layer import subscribers
from services.notify.service_layer.sending import Senders, send_due
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import SENDER, MailCatcher, UowFactory, _free_port, record
from shared.clock import FixedClock
from shared.messaging.consumer import EventConsumer
from tests.support.outbox import outbox_text

pytestmark = pytest.mark.integration
POLICY = RetryPolicy(max_attempts=2, backoff_ms=500)
MAILBOX = "zhou.lianluo@163.com"


class RefusingServer(MailCatcher):
    """An SMTP server that refuses every recipient, naming the address in its answer (as real ones do)."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        return f"550 5.1.1 <{address}>: mailbox unavailable"


@pytest.fixture
def refusing() -> Iterator[RefusingServer]:
    server = RefusingServer(_free_port())
    server.start()
    yield server
    server.stop()


async def test_a_failed_notification_is_dead_lettered_without_the_persons_address(
    consumer: EventConsumer, uow_factory: UowFactory, refusing: RefusingServer, clock: FixedClock
) -> None:
    officer = registration.new_person("liaison-01", "周联络", "370100", "supervisor", MAILBOX, "zh-CN")
    await subscribers.register(officer, uow_factory())
    await consumer.handle_record(record(ev.envelope(ev.submitted())))
    mailer = SmtpMailer(host="127.0.0.1", port=refusing.port, sender=SENDER, timeout=2.0)
    for _ in range(POLICY.max_attempts):
        await send_due(uow_factory, Senders(mailer, TemplateRenderer()), POLICY)
        clock.advance(timedelta(minutes=1))

    uow = uow_factory()
    async with uow:
        [failed] = [d for d in await uow.deliveries.list(officer.id) if d.status is DeliveryStatus.FAILED]
        sent = await outbox_text(uow.session)
    assert failed.address == MAILBOX and MAILBOX in (failed.last_error or "")  # kept here, for the operator
    assert "zones.notification.failed.v1" in sent and officer.id in sent
    assert '"address": "z***@163.com"' in sent
    assert "zhou.lianluo" not in sent and "周联络" not in sent
