"""Notify's SQL unit of work: the shared SQL unit of work plus notify's repositories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.notify.adapters.delivery_repository import DeliveryRepository
from services.notify.adapters.in_app_repository import InAppMessageRepository
from services.notify.adapters.subscriber_repository import SubscriberRepository, SubscriptionRepository
from services.notify.adapters.view_repository import ViewRepository
from services.notify.domain.delivery import DeliveryStatus
from shared.db.unit_of_work import SqlUnitOfWork


class SqlNotifyUnitOfWork(SqlUnitOfWork):
    subscribers: SubscriberRepository
    subscriptions: SubscriptionRepository
    views: ViewRepository
    deliveries: DeliveryRepository
    in_app_messages: InAppMessageRepository

    def __init__(self, *args: Any, on_pending: Callable[[], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_pending = on_pending  # wakes the sender when a commit leaves something to send

    def _open(self, session: AsyncSession) -> None:
        self.subscribers = SubscriberRepository(session)
        self.subscriptions = SubscriptionRepository(session)
        self.views = ViewRepository(session)
        self.deliveries = DeliveryRepository(session)
        self.in_app_messages = InAppMessageRepository(session)

    async def commit(self) -> None:
        await super().commit()
        pending = any(d.status is DeliveryStatus.PENDING for d in self.deliveries.added)
        self.deliveries.added.clear()
        if pending and self.on_pending:
            self.on_pending()
