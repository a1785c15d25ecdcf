"""The outbox relay: publishes committed outbox rows in order, then marks them published.

One relay per database is active at a time (a session advisory lock), so events of one aggregate
leave in commit order even with several processes of one instance. Commits wake it at once
through LISTEN/NOTIFY; a slow poll covers a missed notification. A crash between publish and
marking re-publishes a row: consumers drop the duplicate through their inbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import asyncpg
import structlog

from shared.db import outbox_wake
from shared.db.unit_of_work import OUTBOX_CHANNEL
from shared.faults import crash_point
from shared.runtime.metrics import OUTBOX_PUBLISHED

log = structlog.get_logger()
RELAY_LOCK = 7_200_002

Publish = Callable[[str, bytes, bytes, dict[str, str]], Awaitable[Any]]
"""publish(topic, key, value, headers) -> an awaitable that resolves once the broker has it."""


class OutboxRelay:
    def __init__(
        self,
        dsn: str,
        publish: Publish,
        *,
        batch_size: int = 200,
        poll_interval: float = 1.0,
        retention: timedelta = timedelta(days=30),
    ) -> None:
        self.dsn = dsn
        self.publish = publish
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.retention = retention
        self.published = 0
        self._wake = asyncio.Event()
        self._stopping = False
        self.active = False  # holds the relay lock of this database
        self._database = outbox_wake.database_key(dsn)

    async def run(self) -> None:
        """Run until cancelled, reconnecting after any failure."""
        while not self._stopping:
            try:
                await self._run_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("outbox_relay_failed", error=repr(exc))
                await asyncio.sleep(1.0)

    async def _run_once(self) -> None:
        conn: asyncpg.Connection = await asyncpg.connect(self.dsn)
        try:
            # Another process of this instance relays; wait until it stops.
            while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", RELAY_LOCK):
                if self._stopping:
                    return
                await asyncio.sleep(self.poll_interval)
            await conn.add_listener(OUTBOX_CHANNEL, lambda *_: self._wake.set())
            outbox_wake.relaying_here(self._database, self._wake.set)  # this process's commits: no NOTIFY
            self.active = True
            log.info("outbox_relay_active")
            await self._prune(conn)
            while not self._stopping:
                self._wake.clear()
                while await self.publish_batch(conn) == self.batch_size:
                    pass
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_interval)
            # Stopping: flush what the last handlers committed, then give the lock up.
            while await self.publish_batch(conn) == self.batch_size:
                pass
            log.info("outbox_relay_flushed", published=self.published)
        finally:
            self.active = False
            outbox_wake.relaying_elsewhere(self._database)
            with contextlib.suppress(Exception):
                await asyncio.shield(conn.close(timeout=2))

    async def publish_batch(self, conn: asyncpg.Connection) -> int:
        """Publish up to one batch of unpublished rows; the number published."""
        rows = await conn.fetch(
            "SELECT id, topic, key, headers::text AS headers, value FROM outbox "
            "WHERE published_at IS NULL ORDER BY id LIMIT $1",
            self.batch_size,
        )
        if not rows:
            return 0
        crash_point("relay.before_publish")
        pending = [
            await self.publish(r["topic"], r["key"].encode(), r["value"].encode(), json.loads(r["headers"]))
            for r in rows
        ]
        await asyncio.gather(*pending)
        await conn.execute(
            "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])", [r["id"] for r in rows]
        )
        self.published += len(rows)
        OUTBOX_PUBLISHED.inc(len(rows))
        return len(rows)

    async def _prune(self, conn: asyncpg.Connection) -> None:
        deleted = await conn.execute(
            "DELETE FROM outbox WHERE published_at < now() - $1::interval", self.retention
        )
        log.info("outbox_pruned", result=deleted)
        # The inbox is never pruned: topics keep every record forever, so a claim must last as long,
        # or an old genuine event produced again would be applied again (docs/SECURITY.md).

    def stop(self) -> None:
        """Finish: publish what is committed (when this relay is the active one), then return from run."""
        self._stopping = True
        self._wake.set()
