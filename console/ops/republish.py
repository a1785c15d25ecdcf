"""Re-publish an instance's outbox history since a time (after a broker lost what it had).

The rows are marked unpublished again; the relay (of the running service, or at its next start)
publishes them in their original order. Consumers that had applied them drop them by their inbox.
Only rows still kept are there: published rows live `ZONES_OUTBOX_RETENTION_DAYS`.
"""

from __future__ import annotations

from datetime import datetime

import asyncpg

from shared.db.engine import asyncpg_dsn
from shared.db.unit_of_work import OUTBOX_CHANNEL


async def republish_since(database_url: str, since: datetime) -> int:
    """Mark every outbox row created at or after `since` for publishing again; how many."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        async with conn.transaction():
            result = await conn.execute(
                "UPDATE outbox SET published_at = NULL WHERE created_at >= $1 AND published_at IS NOT NULL",
                since,
            )
            await conn.execute(f"NOTIFY {OUTBOX_CHANNEL}")
        return int(result.split()[-1])
    finally:
        await conn.close()
