"""Registers: the holder loads and publishes a version; every intake keeps the latest it received."""

from __future__ import annotations

import structlog

from services.intake.domain.claims import judge_register
from services.intake.domain.register import Register
from services.intake.service_layer.ports import IntakeUnitOfWork
from shared.errors import refuse
from shared.events.schemas.registers import RegisterPublished
from shared.events.sender import Sender
from shared.registers.content import RegisterContent

log = structlog.get_logger()


async def handle_load_register(
    content: RegisterContent, uow: IntakeUnitOfWork, jurisdiction: str
) -> Register:
    """The holder's operator loads a checked file: it becomes the next version, kept here and published
    (through the outbox) in one transaction. Refused, changing nothing, anywhere but at the holder."""
    async with uow:
        current = await uow.registers.latest(content.kind, for_update=True)
        reg = Register.publish(content, jurisdiction, current.version if current else 0, uow.clock.now())
        if not await uow.registers.put(reg):  # another load took this version first: publish nothing
            raise refuse(
                "concurrent_load",
                f"名录 {reg.kind} 第{reg.version}版刚由另一次载入写入，本次未作更改，请重试",
                f"another load wrote version {reg.version} of {reg.kind} just now: nothing changed, retry",
                "kind",
            )
        await uow.commit()
    log.info("register_published", kind=reg.kind, version=reg.version, entries=len(reg.entries))
    return reg


async def handle_register_published(event: RegisterPublished, uow: IntakeUnitOfWork) -> None:
    """Keep a received version if it comes from the holder and is newer than the one kept."""
    async with uow:
        judge_register(event, Sender.of(uow.cause))
        current = await uow.registers.latest(event.kind, for_update=True)
        if current is not None and current.version >= event.version:
            log.info(
                "register_version_not_newer", kind=event.kind, version=event.version, kept=current.version
            )
        else:
            await uow.registers.put(Register.of(event))
            log.info("register_received", kind=event.kind, version=event.version, entries=len(event.entries))
        await uow.commit()  # the inbox claim, also when the version is not newer


async def list_registers(uow: IntakeUnitOfWork) -> list[Register]:
    async with uow:
        return await uow.registers.all()
