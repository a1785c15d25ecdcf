"""Sending email and webhook deliveries: one due row at a time, locked so several workers never send the
same one; a delivery given up on is reported on the dead-letter topic through the outbox.

A delivery the server took is remembered in `Senders.unrecorded` until its "sent" is committed: when the
database goes away between the server's "250 OK" and the commit, the next attempt records it without
sending it again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import structlog

from services.notify.domain import signature
from services.notify.domain.delivery import Delivery, DeliveryStatus, RetryPolicy, message_id
from services.notify.domain.model import Email
from services.notify.domain.subscriber import Channel
from services.notify.domain.webhook_target import TargetNotAllowed
from services.notify.service_layer.ports import Mailer, NotifyUnitOfWork, Renderer, WebhookPoster
from shared.events.schemas.notifications import NotificationFailed
from shared.events.webhook import webhook_headers
from shared.personal_data import mask_address, mask_text
from shared.runtime.metrics import NOTIFICATIONS

log = structlog.get_logger()
SENT_BY_WORKER = (Channel.EMAIL, Channel.WEBHOOK)


@dataclass(frozen=True)
class Senders:
    mailer: Mailer
    renderer: Renderer
    webhooks: WebhookPoster | None = None
    # delivery id -> when the server took it, for deliveries whose "sent" is not committed yet
    unrecorded: dict[str, datetime] = field(default_factory=dict)


async def _attempt(uow: NotifyUnitOfWork, d: Delivery, senders: Senders) -> None:
    now = uow.clock.now()
    if not d.address:
        raise ValueError(f"the subscriber has no {d.channel.value} address")
    if d.channel is Channel.WEBHOOK:
        subscriber = await uow.subscribers.get(d.subscriber_id)
        if senders.webhooks is None or subscriber is None or not subscriber.webhook_secret:
            raise ValueError("no webhook client or no shared secret")
        body = signature.canonical_body(d.facts)
        signed = signature.headers(subscriber.webhook_secret, d.id, int(now.timestamp()), body)
        headers = webhook_headers(signed)
        await senders.webhooks.post(d.address, body, headers)
        return
    message = senders.renderer.render(d.event_type, d.language, d.facts)
    mailer = senders.mailer
    await mailer.send(Email(d.address, message, message_id(d.id, mailer.sender), now))


async def send_next(uow: NotifyUnitOfWork, senders: Senders, policy: RetryPolicy) -> bool:
    """Try the email or webhook delivery due soonest; False when none is due.

    The row stays locked while the server is talked to. If the commit fails after the server took it (the
    database restarted), the next attempt only records it. A kill -9 in that instant sends it again later
    under the same Message-ID / webhook-id, so the copy is recognisable.
    """
    async with uow:
        delivery = await uow.deliveries.next_due(SENT_BY_WORKER, uow.clock.now())
        if delivery is None:
            return False
        taken_at = senders.unrecorded.get(delivery.id)
        try:
            if taken_at is None:
                await _attempt(uow, delivery, senders)
                taken_at = senders.unrecorded[delivery.id] = uow.clock.now()
        except Exception as exc:
            now = uow.clock.now()
            if isinstance(exc, TargetNotAllowed):
                delivery.mark_refused(now, f"{type(exc).__name__}: {exc}")
            else:
                delivery.mark_attempt_failed(now, f"{type(exc).__name__}: {exc}", policy)
            log.warning(
                "delivery_attempt_failed",
                delivery_id=delivery.id,
                channel=delivery.channel.value,
                attempts=delivery.attempts,
                status=delivery.status.value,
                error=delivery.last_error,
            )
            if delivery.status is DeliveryStatus.FAILED:
                uow.emit(_failed(delivery, now))
            outcome = "failed" if delivery.status is DeliveryStatus.FAILED else "retrying"
        else:
            delivery.mark_sent(taken_at)
            log.info(
                "delivery_sent", delivery_id=delivery.id, channel=delivery.channel.value, to=delivery.address
            )
            outcome = "sent"
        await uow.deliveries.save(delivery)
        await uow.commit()
    senders.unrecorded.pop(delivery.id, None)
    NOTIFICATIONS.labels(channel=delivery.channel.value, outcome=outcome).inc()
    return True


def _failed(d: Delivery, now: datetime) -> NotificationFailed:
    # The dead-letter topic is read beyond this jurisdiction: the address and the error go masked.
    return NotificationFailed(
        delivery_id=d.id, event_id=d.event_id, event_type=d.event_type, subscriber_id=d.subscriber_id,
        channel=d.channel.value, address=mask_address(d.address), attempts=d.attempts,
        last_error=mask_text(d.last_error), failed_at=now,
    )  # fmt: skip


async def send_due(
    uow_factory: Callable[[], NotifyUnitOfWork], senders: Senders, policy: RetryPolicy, limit: int = 100
) -> int:
    """Try every email and webhook delivery due now (at most `limit`); how many were tried."""
    tried = 0
    while tried < limit and await send_next(uow_factory(), senders, policy):
        tried += 1
    return tried
