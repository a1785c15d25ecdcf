"""Registering demonstration units of a liaison programme."""

from __future__ import annotations

import structlog
from sqlalchemy.exc import IntegrityError

from services.intake.domain.commands import RegisterUnit
from services.intake.domain.unit import DemonstrationUnit
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import refuse
from shared.programmes.loader import Catalogue
from shared.programmes.lookup import programme_of

log = structlog.get_logger()


async def handle_register_unit(
    cmd: RegisterUnit, uow: IntakeUnitOfWork, catalogue: Catalogue
) -> DemonstrationUnit:
    programme = programme_of(catalogue, cmd.programme)
    async with uow:
        already = await uow.units.exists(cmd)
        unit = DemonstrationUnit.register(cmd, programme, uow.clock.now(), already=already)
        await uow.units.add(unit)
        try:
            await uow.commit()
        except IntegrityError as exc:
            raise refuse(
                "duplicate_registration", "该示范单位已登记", "this unit is already registered", "unit_name"
            ) from exc
    log.info("demonstration_unit_registered", unit_id=unit.id, unit_type=unit.unit_type)
    return unit


async def list_units(uow: IntakeUnitOfWork, programme: str | None = None) -> list[DemonstrationUnit]:
    async with uow:
        return await uow.units.list(programme)
