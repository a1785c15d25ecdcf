"""Registered demonstration units: all their SQL."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.adapters.tables import DemonstrationUnitRow
from services.intake.domain.commands import RegisterUnit
from services.intake.domain.unit import DemonstrationUnit


def _unit(row: DemonstrationUnitRow) -> DemonstrationUnit:
    return DemonstrationUnit(**row.model_dump())


class UnitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.seen: list[DemonstrationUnit] = []

    async def add(self, unit: DemonstrationUnit) -> None:
        data = asdict(unit)
        data.pop("events")
        self.session.add(DemonstrationUnitRow(**data))
        self.seen.append(unit)

    async def exists(self, cmd: RegisterUnit) -> bool:
        t = DemonstrationUnitRow
        stmt = select(func.count()).where(
            col(t.programme) == cmd.programme,
            col(t.unit_type) == cmd.unit_type,
            col(t.jurisdiction_code) == cmd.jurisdiction_code,
            col(t.unit_name) == cmd.unit_name.strip(),
        )
        return bool((await self.session.execute(stmt)).scalar_one())

    async def list(self, programme: str | None = None) -> list[DemonstrationUnit]:
        stmt = select(DemonstrationUnitRow).order_by(col(DemonstrationUnitRow.registered_at))
        if programme:
            stmt = stmt.where(col(DemonstrationUnitRow.programme) == programme)
        return [_unit(r) for r in (await self.session.execute(stmt)).scalars()]
