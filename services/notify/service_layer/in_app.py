"""Reading a subscriber's in-app messages and marking them read (the HTTP path is still `/inbox`)."""

from __future__ import annotations

from services.notify.domain.model import InAppMessage
from services.notify.service_layer.ports import NotifyUnitOfWork
from shared.errors import NotFound


async def read_messages(
    subscriber_id: str, uow: NotifyUnitOfWork, limit: int = 50
) -> tuple[list[InAppMessage], int]:
    """The subscriber's entries, newest first, and how many are unread."""
    async with uow:
        if await uow.subscribers.get(subscriber_id) is None:
            raise NotFound("订阅者", "subscriber", subscriber_id)
        entries = await uow.in_app_messages.list(subscriber_id, limit)
        return entries, await uow.in_app_messages.unread(subscriber_id)


async def mark_read(subscriber_id: str, entry_id: int, uow: NotifyUnitOfWork) -> InAppMessage:
    """Mark one entry read (again is harmless: the first reading time stays)."""
    async with uow:
        entry = await uow.in_app_messages.get(subscriber_id, entry_id)
        if entry is None:
            raise NotFound("消息", "in-app message", f"{subscriber_id}/{entry_id}")
        entry.mark_read(uow.clock.now())
        await uow.in_app_messages.save_read(entry)
        await uow.commit()
    return entry
