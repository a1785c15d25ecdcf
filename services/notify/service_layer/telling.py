"""Telling an event: who it reaches (default rules, then subscriptions), on which channels, and what each
subscriber's preferences make of it. One delivery per (event, subscriber, channel), whatever happens."""

from __future__ import annotations

from dataclasses import replace

import structlog

from services.notify.domain.audience import default_targets
from services.notify.domain.delivery import Delivery
from services.notify.domain.model import ApplicationView, InAppMessage, Notice
from services.notify.domain.preferences import Disposition, disposition
from services.notify.domain.scope import own_targets
from services.notify.domain.subscriber import Channel, Subscriber
from services.notify.domain.territory import within_territory
from services.notify.service_layer.ports import NotifyUnitOfWork, Renderer
from shared.events.envelope import Envelope
from shared.events.webhook import webhook_document
from shared.territory import Territory

log = structlog.get_logger()
SUBSCRIBED = "subscriber"  # the audience of a notice reached through a subscription


async def audience(
    uow: NotifyUnitOfWork, env: Envelope, view: ApplicationView | None, territory: Territory | None = None
) -> dict[str, tuple[Subscriber, str]]:
    """Subscriber id → (subscriber, why it is told); default rules first, each subscriber once. With a
    `territory`, only this instance's own people: jurisdictions it owns, its own subscribers there."""
    now = uow.clock.now()
    found: dict[str, tuple[Subscriber, str]] = {}
    targets = default_targets(env.type, env.data, view)
    for target in own_targets(territory, targets) if territory else targets:
        unit = await uow.subscribers.ensure(target.unit, now)
        found.setdefault(unit.id, (unit, target.role.value))
        for person in await uow.subscribers.people(target.code, target.role):
            found.setdefault(person.id, (person, target.role.value))
    for subscription in await uow.subscriptions.list():
        if subscription.subscriber_id not in found and subscription.matches(env.type, env.data):
            subscriber = await uow.subscribers.get(subscription.subscriber_id)
            if subscriber is None or (territory and not territory.owns(subscriber.code)):
                continue
            if within_territory(subscriber.code, env.data):
                found[subscriber.id] = (subscriber, SUBSCRIBED)
    return found


async def tell(
    uow: NotifyUnitOfWork,
    notice: Notice,
    view: ApplicationView | None,
    renderer: Renderer,
    territory: Territory | None = None,
) -> None:
    """Write the deliveries of `notice`; in-app ones are written now, held ones wait for the digest."""
    env = uow.cause
    if env is None:
        raise ValueError("notify tells of consumed events only: the unit of work has no cause")
    now = uow.clock.now()
    for subscriber, why in (await audience(uow, env, view, territory)).values():
        personal = {**notice.facts, "audience": why, "recipient_name": subscriber.name}
        for channel in subscriber.reachable_channels():
            what = disposition(subscriber, notice.event_type, channel)
            if what is Disposition.MUTE:
                log.info("notification_muted", subscriber_id=subscriber.id, channel=channel.value)
                continue
            facts = webhook_document(env) if channel is Channel.WEBHOOK else personal
            delivery = Delivery.of(
                replace(notice, facts=facts), subscriber, channel, now, what is Disposition.HOLD
            )
            if not await uow.deliveries.add(delivery):
                log.info("delivery_exists", delivery_id=delivery.id)
                continue
            if channel is Channel.IN_APP:
                message = renderer.render(notice.event_type, subscriber.language, facts)
                await uow.in_app_messages.add(
                    InAppMessage(
                        delivery_id=delivery.id,
                        subscriber_id=subscriber.id,
                        event_type=notice.event_type,
                        application_id=notice.application_id,
                        subject=message.subject,
                        body=message.body,
                        created_at=now,
                    )
                )
