"""An event becomes one email and one in-app message however often it arrives; email survives outages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain.delivery import Delivery, DeliveryStatus, RetryPolicy
from services.notify.domain.subscriber import Channel
from services.notify.service_layer import handlers
from services.notify.service_layer.sending import Senders, send_due
from services.notify.service_layer.unit_of_work import SqlNotifyUnitOfWork
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import MailCatcher, UowFactory, count, record
from shared.clock import FixedClock
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
RENDERER = TemplateRenderer()
POLICY = RetryPolicy(max_attempts=3, backoff_ms=500)


async def test_a_submission_is_emailed_once_and_lands_as_an_in_app_message(
    consumer: EventConsumer, uow_factory: UowFactory, smtp: MailCatcher, mailer: SmtpMailer
) -> None:
    env = ev.envelope(ev.submitted())
    await consumer.handle_record(record(env))
    assert await count(uow_factory(), "deliveries", "channel = 'email' AND status = 'pending'") == 1
    assert await count(uow_factory(), "inbox_entries", "subscriber_id = 'applicant:370103'") == 1

    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 1
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 0
    [(rcpt, msg)] = smtp.received
    assert rcpt == ["sq@jnsz.gov.cn"] and msg["To"] == "sq@jnsz.gov.cn"
    assert msg["Subject"] == f"【申报受理】{ev.TITLE}（受理编号：SZ-2027-370103-01）"
    assert str(msg["From"]) == "社区治理实验区 <noreply@zones.local>"
    body = msg.get_body().get_content()  # type: ignore[union-attr]
    assert "济南市市中区：" in body and "已于2027年6月1日受理" in body and ev.TITLE in body
    uow = uow_factory()
    async with uow:
        sent = [d for d in await uow.deliveries.list("applicant:370103") if d.channel is Channel.EMAIL]
    assert sent[0].status is DeliveryStatus.SENT and sent[0].sent_at is not None
    assert msg["Message-ID"] == f"<{sent[0].id}@zones.local>"


async def test_the_same_event_twice_makes_one_delivery_and_one_in_app_message(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    env = ev.envelope(ev.submitted())
    await consumer.handle_record(record(env))
    await consumer.handle_record(record(env, offset=1))  # redelivered: the inbox claim drops it
    # re-published with the same id after the inbox forgot it: the unique delivery key drops it
    await handlers.handle_application_submitted(
        ev.submitted(), uow_factory(env), renderer=RENDERER, catalogue=default_catalogue()
    )
    # the applicant's email and in-app, the level above's in-app
    assert await count(uow_factory(), "deliveries") == 3
    assert await count(uow_factory(), "inbox_entries") == 2
    assert await count(uow_factory(), "subscribers") == 2


async def test_smtp_down_the_email_is_retried_then_sent_once(
    consumer: EventConsumer, uow_factory: UowFactory, smtp: MailCatcher, mailer: SmtpMailer, clock: FixedClock
) -> None:
    await consumer.handle_record(record(ev.envelope(ev.submitted())))
    smtp.stop()
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 1
    failed = await _email_delivery(uow_factory)
    assert (failed.status, failed.attempts) == (DeliveryStatus.PENDING, 1) and failed.last_error
    assert failed.next_attempt_at == clock.now() + timedelta(milliseconds=500)
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 0  # backing off

    smtp.start()
    clock.advance(timedelta(seconds=1))
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 1
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 0
    sent = await _email_delivery(uow_factory)
    assert (sent.status, sent.attempts) == (DeliveryStatus.SENT, 2)
    assert len(smtp.received) == 1


async def test_after_max_attempts_the_email_is_failed(
    consumer: EventConsumer, uow_factory: UowFactory, smtp: MailCatcher, mailer: SmtpMailer, clock: FixedClock
) -> None:
    await consumer.handle_record(record(ev.envelope(ev.submitted())))
    smtp.stop()
    for _ in range(POLICY.max_attempts):
        assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 1
        clock.advance(timedelta(minutes=1))
    failed = await _email_delivery(uow_factory)
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (DeliveryStatus.FAILED, 3, None)
    smtp.start()
    assert await send_due(uow_factory, Senders(mailer, RENDERER), POLICY) == 0
    assert smtp.received == []


async def test_the_database_lost_after_the_server_took_the_email_records_it_without_resending(
    consumer: EventConsumer, uow_factory: UowFactory, smtp: MailCatcher, mailer: SmtpMailer
) -> None:
    await consumer.handle_record(record(ev.envelope(ev.submitted())))
    senders = Senders(mailer, RENDERER)

    def losing_commit() -> SqlNotifyUnitOfWork:
        uow = uow_factory()

        async def commit() -> None:
            raise ConnectionResetError("the database restarted")

        uow.commit = commit  # type: ignore[method-assign]
        return uow

    with pytest.raises(ConnectionResetError):
        await send_due(losing_commit, senders, POLICY)
    assert len(smtp.received) == 1 and (await _email_delivery(uow_factory)).status is DeliveryStatus.PENDING
    assert await send_due(uow_factory, senders, POLICY) == 1
    assert await send_due(uow_factory, senders, POLICY) == 0
    sent = await _email_delivery(uow_factory)
    assert (sent.status, sent.attempts) == (DeliveryStatus.SENT, 1)
    assert len(smtp.received) == 1 and senders.unrecorded == {}


async def _email_delivery(uow_factory: UowFactory) -> Delivery:
    uow = uow_factory()
    async with uow:
        found = await uow.deliveries.list("applicant:370103")
    [email] = [d for d in found if d.channel is Channel.EMAIL]
    return email
