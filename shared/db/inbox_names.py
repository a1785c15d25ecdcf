"""The inbox under an instance's name: rows an older version wrote under the bare service name
(`intake`, `monitoring`, `notify`, before instances were (service, jurisdiction)) are adopted at start,
so the renamed consumer group, which reads the topics again from the beginning, applies nothing twice."""

from __future__ import annotations

from sqlalchemy import and_, exists, update
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db.tables import inbox


async def adopt_inbox(engine: AsyncEngine, old: str, new: str) -> int:
    """Rename `old`'s inbox rows to `new` (those `new` does not hold already); how many were renamed."""
    if old == new:
        return 0
    mine = inbox.alias("mine")
    already = exists().where(and_(mine.c.consumer == new, mine.c.event_id == inbox.c.event_id))
    async with engine.begin() as conn:
        result = await conn.execute(
            update(inbox).where(and_(inbox.c.consumer == old, ~already)).values(consumer=new)
        )
        await conn.execute(inbox.delete().where(inbox.c.consumer == old))  # held under both: keep one
    return int(result.rowcount or 0)
