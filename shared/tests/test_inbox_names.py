"""An upgraded instance adopts the inbox rows of its bare old name, so its renamed consumer group, which
reads the topics again, applies nothing twice (real PostgreSQL)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from shared.db.engine import make_engine
from shared.db.inbox_names import adopt_inbox
from shared.db.tables import inbox_table
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration


async def test_the_old_names_rows_become_the_instances_and_none_is_doubled(pg_server: str) -> None:
    url = await fresh_database(pg_server, "inbox_names")
    engine = make_engine(url, pool_size=1)
    table = inbox_table(sa.MetaData())
    try:
        async with engine.begin() as conn:
            await conn.run_sync(table.metadata.create_all)
            rows = [("notify", f"e{i}") for i in range(5)] + [
                ("notify-000000", "e4"),
                ("review-370100", "e1"),
            ]
            await conn.execute(
                table.insert(), [{"consumer": c, "event_id": e, "event_type": "t"} for c, e in rows]
            )
        assert await adopt_inbox(engine, "notify", "notify-000000") == 4  # e4 it held already
        assert await adopt_inbox(engine, "notify", "notify-000000") == 0  # a second start: nothing left
        assert await adopt_inbox(engine, "review-370100", "review-370100") == 0
        async with engine.connect() as conn:
            found = (await conn.execute(sa.select(table.c.consumer, table.c.event_id))).all()
        assert sorted(found) == sorted(
            [("notify-000000", f"e{i}") for i in range(5)] + [("review-370100", "e1")]
        )
    finally:
        await engine.dispose()
        await drop_database(url)
