"""Managing subscribers over HTTP: people and systems, their preferences and subscriptions."""

from __future__ import annotations

import uuid

from services.notify.domain import territory
from services.notify.domain.preferences import checked_preferences
from services.notify.domain.subscriber import Preferences, Subscriber
from services.notify.domain.subscription import Subscription
from services.notify.service_layer.ports import NotifyUnitOfWork
from shared.errors import Conflict, NotFound, Reason


async def register(subscriber: Subscriber, uow: NotifyUnitOfWork) -> Subscriber:
    """Store a checked subscriber (domain.registration); Conflict when its id is taken."""
    async with uow:
        if not await uow.subscribers.add(subscriber, uow.clock.now()):
            raise Conflict([Reason("subscriber_exists", f"订阅者已存在：{subscriber.id}",
                                   f"subscriber already exists: {subscriber.id}", "key")])  # fmt: skip
        await uow.commit()
    return subscriber


async def _existing(uow: NotifyUnitOfWork, subscriber_id: str) -> Subscriber:
    found = await uow.subscribers.get(subscriber_id)
    if found is None:
        raise NotFound("订阅者", "subscriber", subscriber_id)
    return found


async def set_preferences(
    subscriber_id: str, muted: list[str], digest: bool, uow: NotifyUnitOfWork
) -> Preferences:
    preferences = checked_preferences(muted, digest)
    async with uow:
        await _existing(uow, subscriber_id)
        await uow.subscribers.save_preferences(subscriber_id, preferences)
        await uow.commit()
    return preferences


async def subscribe(subscription: Subscription, uow: NotifyUnitOfWork) -> Subscription:
    async with uow:
        subscriber = await _existing(uow, subscription.subscriber_id)
        territory.ensure_within(subscriber.code, subscription)  # 403 beyond its jurisdiction
        await uow.subscriptions.add(subscription, uow.clock.now())
        await uow.commit()
    return subscription


async def unsubscribe(subscriber_id: str, subscription_id: str, uow: NotifyUnitOfWork) -> None:
    async with uow:
        if not await uow.subscriptions.remove(subscriber_id, subscription_id):
            raise NotFound("订阅", "subscription", f"{subscriber_id}/{subscription_id}")
        await uow.commit()


async def subscriptions_of(subscriber_id: str, uow: NotifyUnitOfWork) -> list[Subscription]:
    async with uow:
        await _existing(uow, subscriber_id)
        return await uow.subscriptions.list(subscriber_id)


def new_id() -> str:
    return str(uuid.uuid4())
