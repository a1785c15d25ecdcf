"""Attachments' SQL: metadata alone for every listing and check, the bytes only for a download."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.intake.adapters.tables import AttachmentRow
from services.intake.domain.attachment import Attachment

TABLE = AttachmentRow.__table__  # type: ignore[attr-defined]
META = [TABLE.c[f.name] for f in fields(Attachment)]


class AttachmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, attachment: Attachment, content: bytes) -> None:
        await self.session.execute(insert(TABLE).values(**asdict(attachment), content=content))

    async def list_for(self, application_id: str) -> list[Attachment]:
        stmt = select(*META).where(TABLE.c.application_id == application_id)
        rows = await self.session.execute(stmt.order_by(TABLE.c.seq))
        return [Attachment(**r._mapping) for r in rows]

    async def get_with_content(
        self, application_id: str, attachment_id: str
    ) -> tuple[Attachment, bytes] | None:
        stmt = select(*META, TABLE.c.content).where(
            TABLE.c.application_id == application_id, TABLE.c.id == attachment_id
        )
        row = (await self.session.execute(stmt)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        content = data.pop("content")
        return Attachment(**data), bytes(content)
