"""Registers: all their SQL (one row per kind, the latest version)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.adapters.tables import RegisterRow
from services.intake.domain.register import Register
from shared.events.schemas.registers import RegisterEntry


def _register(row: RegisterRow) -> Register:
    entries = tuple(RegisterEntry.model_validate(e) for e in row.entries)
    return Register(row.kind, row.version, row.holder, row.source, row.published_on, entries, row.loaded_at)


class RegisterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[Register] = []

    async def latest(self, kind: str, *, for_update: bool = False) -> Register | None:
        stmt = select(RegisterRow).where(col(RegisterRow.kind) == kind)
        row = (
            await self.session.execute(stmt.with_for_update() if for_update else stmt)
        ).scalar_one_or_none()
        return _register(row) if row else None

    async def all(self) -> list[Register]:
        rows = (await self.session.execute(select(RegisterRow).order_by(col(RegisterRow.kind)))).scalars()
        return [_register(r) for r in rows]

    async def put(self, reg: Register) -> bool:
        """Keep `reg` as its kind's latest version; False (nothing written) when one as new is kept."""
        values = dict(
            kind=reg.kind, version=reg.version, holder=reg.holder, source=reg.source,
            published_on=reg.published_on, entries=[e.model_dump(exclude_none=True) for e in reg.entries],
            loaded_at=reg.loaded_at,
        )  # fmt: skip
        stmt = insert(RegisterRow).values(**values)
        update = {k: stmt.excluded[k] for k in values if k != "kind"}
        newer = col(RegisterRow.version) < stmt.excluded.version  # an older version never replaces a newer
        upsert = stmt.on_conflict_do_update(index_elements=["kind"], set_=update, where=newer)
        done = await self.session.execute(upsert)
        self.seen.append(reg)
        return bool(getattr(done, "rowcount", 0))
