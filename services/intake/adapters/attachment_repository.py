"""Attachments' SQL: metadata alone for every listing and check, the bytes only for a download."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import insert, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.intake.adapters.tables import AttachmentRow
from services.intake.domain.attachment import Attachment

COLUMNS = inspect(AttachmentRow).columns
META = [COLUMNS[f.name] for f in fields(Attachment)]


class AttachmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, attachment: Attachment, content: bytes) -> None:
        await self.session.execute(insert(AttachmentRow).values(**asdict(attachment), content=content))

    async def list_for(self, application_id: str) -> list[Attachment]:
        stmt = select(*META).where(COLUMNS.application_id == application_id)
        rows = await self.session.execute(stmt.order_by(COLUMNS.seq))
        return [Attachment(**r._mapping) for r in rows]

    async def get_with_content(
        self, application_id: str, attachment_id: str
    ) -> tuple[Attachment, bytes] | None:
        stmt = select(*META, COLUMNS.content).where(
            COLUMNS.application_id == application_id, COLUMNS.id == attachment_id
        )
        row = (await self.session.execute(stmt)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        content = data.pop("content")
        return Attachment(**data), bytes(content)
