"""Notify's SQL for in-app messages."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.notify.adapters.tables import InAppMessageRow
from services.notify.domain.model import InAppMessage


def _entry(row: InAppMessageRow) -> InAppMessage:
    return InAppMessage(
        id=row.id,
        delivery_id=row.delivery_id,
        subscriber_id=row.subscriber_id,
        event_type=row.event_type,
        application_id=row.application_id,
        subject=row.subject,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
    )


class InAppMessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, e: InAppMessage) -> None:
        row = InAppMessageRow(
            delivery_id=e.delivery_id,
            subscriber_id=e.subscriber_id,
            event_type=e.event_type,
            application_id=e.application_id,
            subject=e.subject,
            body=e.body,
            created_at=e.created_at,
        )
        self.session.add(row)
        await self.session.flush()
        e.id = row.id

    async def list(self, subscriber_id: str, limit: int = 50) -> list[InAppMessage]:
        """Newest first."""
        stmt = (
            select(InAppMessageRow)
            .where(col(InAppMessageRow.subscriber_id) == subscriber_id)
            .order_by(col(InAppMessageRow.id).desc())
            .limit(limit)
        )
        return [_entry(r) for r in (await self.session.execute(stmt)).scalars()]

    async def unread(self, subscriber_id: str) -> int:
        stmt = select(func.count()).where(
            col(InAppMessageRow.subscriber_id) == subscriber_id, col(InAppMessageRow.read_at).is_(None)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def get(self, subscriber_id: str, entry_id: int) -> InAppMessage | None:
        row = await self.session.get(InAppMessageRow, entry_id, with_for_update=True)
        return _entry(row) if row and row.subscriber_id == subscriber_id else None

    async def save_read(self, e: InAppMessage) -> None:
        await self.session.execute(
            update(InAppMessageRow).where(col(InAppMessageRow.id) == e.id).values(read_at=e.read_at)
        )
