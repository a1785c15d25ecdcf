"""Notify's SQL for subscribers and their subscriptions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.notify.adapters.tables import SubscriberRow, SubscriptionRow
from services.notify.domain.subscriber import Channel, Preferences, Role, Subscriber, SubscriberKind
from services.notify.domain.subscription import Subscription


def _subscriber(row: SubscriberRow) -> Subscriber:
    return Subscriber(
        id=row.id,
        kind=SubscriberKind(row.kind),
        code=row.code,
        name=row.name,
        email=row.email,
        channels=tuple(Channel(c) for c in row.channels),
        language=row.language,
        role=Role(row.role) if row.role else None,
        webhook_url=row.webhook_url,
        webhook_secret=row.webhook_secret,
        preferences=Preferences(tuple(row.muted or ()), bool(row.digest)),
    )


def _values(s: Subscriber, now: datetime) -> dict[str, Any]:
    return dict(
        id=s.id, kind=s.kind.value, code=s.code, name=s.name, email=s.email,
        channels=[c.value for c in s.channels], language=s.language, created_at=now,
        role=s.role.value if s.role else None, webhook_url=s.webhook_url, webhook_secret=s.webhook_secret,
        muted=list(s.preferences.muted), digest=s.preferences.digest,
    )  # fmt: skip


class SubscriberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ensure(self, wanted: Subscriber, now: datetime) -> Subscriber:
        """The stored subscriber `wanted.id`, created as `wanted` if missing; fills in a missing email."""
        new = insert(SubscriberRow).values(**_values(wanted, now))
        stmt = new.on_conflict_do_update(
            index_elements=[col(SubscriberRow.id)],
            set_={"email": func.coalesce(col(SubscriberRow.email), new.excluded.email)},
        ).returning(SubscriberRow)
        return _subscriber((await self.session.execute(stmt)).scalar_one())

    async def add(self, s: Subscriber, now: datetime) -> bool:
        """Store a new subscriber; False when the id is taken."""
        stmt = insert(SubscriberRow).values(**_values(s, now)).on_conflict_do_nothing()
        return bool((await self.session.execute(stmt.returning(col(SubscriberRow.id)))).first())

    async def get(self, subscriber_id: str) -> Subscriber | None:
        row = await self.session.get(SubscriberRow, subscriber_id)
        return _subscriber(row) if row else None

    async def people(self, code: str, role: Role) -> list[Subscriber]:
        """People registered in jurisdiction `code` with `role`."""
        stmt = select(SubscriberRow).where(
            col(SubscriberRow.kind) == SubscriberKind.PERSON.value,
            col(SubscriberRow.code) == code,
            col(SubscriberRow.role) == role.value,
        )
        return [_subscriber(r) for r in (await self.session.execute(stmt)).scalars()]

    async def save_preferences(self, subscriber_id: str, p: Preferences) -> None:
        await self.session.execute(
            update(SubscriberRow)
            .where(col(SubscriberRow.id) == subscriber_id)
            .values(muted=[*p.muted], digest=p.digest)
        )

    async def list(self, kind: str | None = None) -> list[Subscriber]:
        stmt = select(SubscriberRow).order_by(col(SubscriberRow.id))
        if kind:
            stmt = stmt.where(col(SubscriberRow.kind) == kind)
        return [_subscriber(r) for r in (await self.session.execute(stmt)).scalars()]


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        id=row.id, subscriber_id=row.subscriber_id, event_type=row.event_type, programme=row.programme,
        scope=row.scope, include_descendants=row.include_descendants, filter=dict(row.filter),
        created_at=row.created_at,
    )  # fmt: skip


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, s: Subscription, now: datetime) -> None:
        self.session.add(
            SubscriptionRow(
                id=s.id,
                subscriber_id=s.subscriber_id,
                event_type=s.event_type,
                programme=s.programme,
                scope=s.scope,
                include_descendants=s.include_descendants,
                filter=s.filter,
                created_at=now,
            ),
        )
        await self.session.flush()

    async def list(self, subscriber_id: str | None = None) -> list[Subscription]:
        stmt = select(SubscriptionRow).order_by(col(SubscriptionRow.created_at), col(SubscriptionRow.id))
        if subscriber_id:
            stmt = stmt.where(col(SubscriptionRow.subscriber_id) == subscriber_id)
        return [_subscription(r) for r in (await self.session.execute(stmt)).scalars()]

    async def remove(self, subscriber_id: str, subscription_id: str) -> bool:
        stmt = delete(SubscriptionRow).where(
            col(SubscriptionRow.id) == subscription_id, col(SubscriptionRow.subscriber_id) == subscriber_id
        )
        return bool((await self.session.execute(stmt.returning(col(SubscriptionRow.id)))).first())
