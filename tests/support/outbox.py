"""What a service's outbox holds, as text a test can search for a name or an address."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def outbox_text(session: AsyncSession) -> str:
    """Every outbox row (type, topic, key, headers, payload) as one text, JSON unescaped, so that a
    search for 王振华 finds it however the payload encoded it."""
    rows = await session.execute(
        text("SELECT event_type, topic, key, headers, value FROM outbox ORDER BY id")
    )
    lines = []
    for event_type, topic, key, headers, value in rows:
        payload = json.dumps(json.loads(value), ensure_ascii=False)
        lines.append(f"{event_type} {topic} {key} {json.dumps(headers, ensure_ascii=False)} {payload}")
    return "\n".join(lines)
