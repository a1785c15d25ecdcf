"""The audit chain against real PostgreSQL: intact chains verify; any edit is found at its link."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import audit
from shared.db.engine import make_engine, session_factory
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration
T0 = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
async def session(pg_server: str) -> AsyncIterator[AsyncSession]:
    url = await fresh_database(pg_server, "audit_test")
    engine = make_engine(url, pool_size=1)

    def create(conn: sa.Connection) -> None:
        with Operations.context(MigrationContext.configure(conn)):
            audit.create_audit_log_table()

    async with engine.begin() as conn:
        await conn.run_sync(create)
    async with session_factory(engine)() as s:
        yield s
    await engine.dispose()
    await drop_database(url)


async def _history(s: AsyncSession) -> None:
    for i, (agg, action) in enumerate(
        [("a1", "submitted"), ("a2", "submitted"), ("a1", "passed"), ("a1", "designated")]
    ):
        await audit.append(s, agg, T0 + timedelta(minutes=i), "370100", action, {"opinion": f"意见{i}"})
    await s.commit()


async def test_an_untouched_history_verifies(session: AsyncSession) -> None:
    await _history(session)
    report = await audit.verify(session)
    assert report.ok and report.entries == 4
    assert (await audit.verify(session, "a1")).entries == 3


async def test_an_edited_entry_is_the_first_broken_link(session: AsyncSession) -> None:
    await _history(session)
    seq = (await session.execute(sa.text("SELECT seq FROM audit_log WHERE action = 'passed'"))).scalar_one()
    await session.execute(
        sa.text('UPDATE audit_log SET detail = \'{"opinion": "改过"}\' WHERE seq = :s'), {"s": seq}
    )
    await session.commit()
    report = await audit.verify(session)
    assert not report.ok and report.first_broken_seq == seq and "content" in report.reason


async def test_a_removed_entry_breaks_the_next_link(session: AsyncSession) -> None:
    await _history(session)
    seqs = (
        (await session.execute(sa.text("SELECT seq FROM audit_log WHERE aggregate_id = 'a1' ORDER BY seq")))
        .scalars()
        .all()
    )
    await session.execute(sa.text("DELETE FROM audit_log WHERE seq = :s"), {"s": seqs[1]})
    await session.commit()
    report = await audit.verify(session, "a1")
    assert not report.ok and report.first_broken_seq == seqs[2] and "previous" in report.reason
