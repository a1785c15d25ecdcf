"""Reading a subscriber's in-app inbox and marking entries read."""

from __future__ import annotations

from services.notify.domain.model import InboxEntry
from services.notify.service_layer.unit_of_work import NotifyUnitOfWork
from shared.errors import NotFound


async def read_inbox(
    subscriber_id: str, uow: NotifyUnitOfWork, limit: int = 50
) -> tuple[list[InboxEntry], int]:
    """The subscriber's entries, newest first, and how many are unread."""
    async with uow:
        if await uow.subscribers.get(subscriber_id) is None:
            raise NotFound("订阅者", "subscriber", subscriber_id)
        entries = await uow.inbox_entries.list(subscriber_id, limit)
        return entries, await uow.inbox_entries.unread(subscriber_id)


async def mark_read(subscriber_id: str, entry_id: int, uow: NotifyUnitOfWork) -> InboxEntry:
    """Mark one entry read (again is harmless: the first reading time stays)."""
    async with uow:
        entry = await uow.inbox_entries.get(subscriber_id, entry_id)
        if entry is None:
            raise NotFound("消息", "inbox entry", f"{subscriber_id}/{entry_id}")
        entry.mark_read(uow.clock.now())
        await uow.inbox_entries.save_read(entry)
        await uow.commit()
    return entry
