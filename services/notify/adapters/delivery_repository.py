"""Notify's SQL for deliveries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.notify.adapters.tables import DeliveryRow
from services.notify.domain.delivery import Delivery, DeliveryStatus
from services.notify.domain.subscriber import Channel


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        id=row.id,
        event_id=row.event_id,
        event_type=row.event_type,
        subscriber_id=row.subscriber_id,
        channel=Channel(row.channel),
        address=row.address,
        language=row.language,
        application_id=row.application_id,
        facts=dict(row.facts),
        created_at=row.created_at,
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )


def _progress(d: Delivery) -> dict[str, object]:
    return {
        "status": d.status.value,
        "attempts": d.attempts,
        "next_attempt_at": d.next_attempt_at,
        "last_error": d.last_error,
        "sent_at": d.sent_at,
    }


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.added: list[Delivery] = []

    async def add(self, d: Delivery) -> bool:
        """Store a new delivery; False when this (event, subscriber, channel) already has one."""
        stmt = (
            insert(DeliveryRow)
            .values(
                id=d.id,
                event_id=d.event_id,
                event_type=d.event_type,
                subscriber_id=d.subscriber_id,
                channel=d.channel.value,
                address=d.address,
                language=d.language,
                application_id=d.application_id,
                facts=d.facts,
                created_at=d.created_at,
                **_progress(d),
            )
            .on_conflict_do_nothing()
            .returning(col(DeliveryRow.id))
        )
        added = (await self.session.execute(stmt)).first() is not None
        if added:
            self.added.append(d)
        return added

    async def next_due(self, channels: tuple[Channel, ...], now: datetime) -> Delivery | None:
        """The pending delivery due soonest on `channels`, locked; rows other workers hold are skipped."""
        stmt = (
            select(DeliveryRow)
            .where(
                col(DeliveryRow.status) == DeliveryStatus.PENDING.value,
                col(DeliveryRow.channel).in_([c.value for c in channels]),
                col(DeliveryRow.next_attempt_at) <= now,
            )
            .order_by(col(DeliveryRow.next_attempt_at))
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self.session.execute(stmt)).scalar_one_or_none()
        return _delivery(row) if row else None

    async def save(self, d: Delivery) -> None:
        await self.session.execute(
            update(DeliveryRow).where(col(DeliveryRow.id) == d.id).values(**_progress(d))
        )

    async def held_subscribers(self, before: datetime) -> list[str]:
        """Subscribers with deliveries held for a digest since before `before`."""
        stmt = (
            select(col(DeliveryRow.subscriber_id))
            .where(col(DeliveryRow.status) == DeliveryStatus.HELD.value, col(DeliveryRow.created_at) < before)
            .distinct()
            .order_by(col(DeliveryRow.subscriber_id))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def held(self, subscriber_id: str, before: datetime) -> list[Delivery]:
        """A subscriber's held deliveries created before `before`, oldest first, locked."""
        stmt = (
            select(DeliveryRow)
            .where(
                col(DeliveryRow.subscriber_id) == subscriber_id,
                col(DeliveryRow.status) == DeliveryStatus.HELD.value,
                col(DeliveryRow.created_at) < before,
            )
            .order_by(col(DeliveryRow.created_at), col(DeliveryRow.id))
            .with_for_update()
        )
        return [_delivery(r) for r in (await self.session.execute(stmt)).scalars()]

    async def mark_digested(self, held: list[Delivery], digest_id: str) -> None:
        for d in held:
            await self.session.execute(
                update(DeliveryRow)
                .where(col(DeliveryRow.id) == d.id)
                .values(digest_id=digest_id, **_progress(d))
            )

    async def list(
        self,
        subscriber_id: str | None = None,
        status: str | None = None,
        limit: int = 100,
        channel: str | None = None,
    ) -> list[Delivery]:
        stmt = (
            select(DeliveryRow).order_by(col(DeliveryRow.created_at).desc(), col(DeliveryRow.id)).limit(limit)
        )
        if subscriber_id:
            stmt = stmt.where(col(DeliveryRow.subscriber_id) == subscriber_id)
        if status:
            stmt = stmt.where(col(DeliveryRow.status) == status)
        if channel:
            stmt = stmt.where(col(DeliveryRow.channel) == channel)
        return [_delivery(r) for r in (await self.session.execute(stmt)).scalars()]
