"""A system subscribed over HTTP is told by a signed webhook that survives a receiver failing twice;
a delivery that never goes through is failed and reported on the dead-letter topic."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text

from services.notify.adapters.mailer import SmtpMailer
from services.notify.adapters.templates import TemplateRenderer
from services.notify.adapters.webhook import HttpWebhookPoster, TargetGuard
from services.notify.domain import registration, signature
from services.notify.domain.delivery import DeliveryStatus, RetryPolicy
from services.notify.domain.webhook_target import TargetRules
from services.notify.service_layer import subscribers
from services.notify.service_layer.sending import Senders, send_due
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from services.notify.tests.integration.webhook_receiver import ALLOW, WebhookReceiver
from shared.clock import FixedClock
from shared.events.webhook import from_webhook
from shared.messaging.consumer import EventConsumer

pytestmark = pytest.mark.integration
SECRET = "whsec_cHJvdmluY2Utb2Etc2hhcmVkLXNlY3JldC0zMmJ5dGU="
POLICY = RetryPolicy(max_attempts=3, backoff_ms=500)
LOCAL = TargetGuard(TargetRules.of(ALLOW, []))  # the operator allows the local receiver


@pytest.fixture
def receiver(clock: FixedClock) -> Iterator[WebhookReceiver]:
    r = WebhookReceiver(SECRET, lambda: clock.now().timestamp(), fail_first=2)
    yield r
    r.stop()


async def _subscribe_system(uow_factory: UowFactory, url: str) -> None:
    system = registration.new_system("sd-oa", "山东省民政厅办公系统", "370000", url, SECRET)
    await subscribers.register(system, uow_factory())
    wanted = registration.new_subscription(
        "sub-1", system.id, "zones.review.*", "shandong-zones", {"shandong-zones"}, "370000", True, {}
    )
    await subscribers.subscribe(wanted, uow_factory())


async def test_the_receiver_fails_twice_then_verifies_and_takes_the_event_once(
    consumer: EventConsumer, uow_factory: UowFactory, receiver: WebhookReceiver, clock: FixedClock,
    mailer: SmtpMailer,
) -> None:  # fmt: skip
    await _subscribe_system(uow_factory, receiver.url)
    env = ev.envelope(ev.decided("revise"))
    await consumer.handle_record(record(env))
    await consumer.handle_record(record(ev.envelope(ev.designated()), 1))  # not zones.review.*: not sent
    senders = Senders(mailer, TemplateRenderer(), HttpWebhookPoster(LOCAL, timeout=2.0))
    for _ in range(3):
        await send_due(uow_factory, senders, POLICY)
        clock.advance(timedelta(seconds=5))
    [got] = receiver.accepted
    assert receiver.requests == 3 and receiver.refused == []
    assert got["event"]["id"] == env.id and got["event"]["type"] == "zones.review.stage_decided.v1"
    assert got["event"]["data"]["opinion"] == ev.decided().opinion
    # CloudEvents HTTP binding, structured mode: the contract's own reader takes the request as sent
    assert got["headers"]["Content-Type"] == "application/cloudevents+json; charset=utf-8"
    assert from_webhook(got["headers"], signature.canonical_body(got["event"])) == env
    uow = uow_factory()
    async with uow:
        [webhook] = [d for d in await uow.deliveries.list("system:sd-oa")]
    assert (webhook.status, webhook.attempts) == (DeliveryStatus.SENT, 3)
    assert got["headers"][signature.ID_HEADER] == webhook.id
    assert webhook.last_error == "WebhookFailed: HTTP 503 Service Unavailable"  # not what it answered
    # the same request again is a replay the receiver refuses
    async with httpx.AsyncClient() as client:
        body = signature.canonical_body(got["event"])
        replay = await client.post(receiver.url, content=body, headers=got["headers"])
    assert replay.status_code == 409 and receiver.refused == ["replay"]


async def test_a_webhook_that_never_goes_through_is_failed_and_dead_lettered(
    consumer: EventConsumer, uow_factory: UowFactory, clock: FixedClock, mailer: SmtpMailer
) -> None:
    await _subscribe_system(uow_factory, "http://127.0.0.1:8159/nobody-listens")
    await consumer.handle_record(record(ev.envelope(ev.decided("advance"))))
    senders = Senders(mailer, TemplateRenderer(), HttpWebhookPoster(LOCAL, timeout=1.0))
    for _ in range(POLICY.max_attempts + 1):
        await send_due(uow_factory, senders, POLICY)
        clock.advance(timedelta(minutes=1))
    uow = uow_factory()
    async with uow:
        [webhook] = await uow.deliveries.list("system:sd-oa")
        rows = (await uow.session.execute(text("SELECT topic, event_type, value FROM outbox"))).all()
    assert (webhook.status, webhook.attempts) == (DeliveryStatus.FAILED, 3) and webhook.last_error
    [(topic, event_type, value)] = rows
    assert (topic, event_type) == ("zones.deadletter.v1", "zones.notification.failed.v1")
    assert webhook.id in value and "system:sd-oa" in value


async def test_a_receiver_on_a_loopback_address_is_not_posted_to_without_the_operators_allow_list(
    consumer: EventConsumer, uow_factory: UowFactory, receiver: WebhookReceiver, mailer: SmtpMailer
) -> None:
    await _subscribe_system(uow_factory, receiver.url)  # stored earlier, or the allow-list was shortened
    await consumer.handle_record(record(ev.envelope(ev.decided("revise"))))
    strict = TargetGuard(TargetRules.of("", ["127.0.0.1"]))
    await send_due(uow_factory, Senders(mailer, TemplateRenderer(), HttpWebhookPoster(strict)), POLICY)
    uow = uow_factory()
    async with uow:
        [webhook] = await uow.deliveries.list("system:sd-oa")
    assert receiver.requests == 0
    assert (webhook.status, webhook.attempts) == (DeliveryStatus.FAILED, 1)  # at once: no retry helps
    assert (webhook.last_error or "").startswith("TargetNotAllowed: webhook target not allowed")
