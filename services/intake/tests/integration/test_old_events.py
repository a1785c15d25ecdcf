"""An old genuine event re-produced later changes nothing: the inbox keeps every claim as long as the
topics keep every record (both forever), so pruning published outbox rows never forgets what was
applied. Here: a 'revise' decision re-produced after the prune must not reopen a designated case."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import asyncpg
import pytest

from services.intake.entrypoints.consumers import intake_consumer
from services.intake.service_layer import handlers
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from services.intake.tests.integration.conftest import MIGRATIONS, NOW, decided, follow, reach
from services.intake.tests.integration.test_revisions import revision
from services.intake.tests.unit.drafts import draft
from shared.clock import FixedClock
from shared.db.engine import asyncpg_dsn, make_engine, session_factory
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ZoneDesignated
from shared.events.topics import APPLICATIONS
from shared.messaging.relay import OutboxRelay
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from tests.support.postgres import drop_database, fresh_database

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()


@dataclass
class Record:
    value: bytes
    headers: list[tuple[str, bytes]]
    key: bytes
    topic: str = APPLICATIONS
    partition: int = 0
    offset: int = 3


@pytest.fixture
async def database(pg_server: str) -> AsyncIterator[str]:
    url = await fresh_database(pg_server, "intake_old_events", MIGRATIONS)
    yield url
    await drop_database(url)


async def test_an_old_revise_decision_re_produced_after_the_prune_does_not_reopen_a_designated_case(
    database: str,
) -> None:
    engine = make_engine(database, pool_size=2)
    sessions, clock = session_factory(engine), FixedClock(NOW)

    uow = unit_of_work_factory(
        SqlIntakeUnitOfWork, sessions, source="/jurisdictions/000000/intake", clock=clock
    )

    consumer = intake_consumer(Settings(trust_bundle="", max_attempts=1), uow, CATALOGUE)
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow(), CATALOGUE)
    genuine = lambda **kw: uow(kw.get("cause"))  # noqa: E731 — applies events as their genuine sender
    await reach(genuine, app.id, "preliminary_review")
    revise = Envelope.wrap(
        decided(app.id, "preliminary_review", "revise"), source="/jurisdictions/370000/review", time=NOW
    )
    old = Record(revise.value(), [(k, v.encode()) for k, v in revise.headers().items()], app.id.encode())
    assert await consumer.handle_record(old) == "applied"
    await handlers.handle_revise_application(revision(app.id), uow(), CATALOGUE)
    await follow(genuine, designation(app.id))
    assert (await handlers.get_application(app.id, uow())).status == "designated"

    conn = await asyncpg.connect(asyncpg_dsn(database))
    try:  # long after: the claim is older than the outbox's retention, and the relay prunes
        await conn.execute("UPDATE inbox SET handled_at = now() - interval '400 days'")
        await OutboxRelay(asyncpg_dsn(database), _publish, retention=timedelta(days=30))._prune(conn)
        claims = await conn.fetchval("SELECT count(*) FROM inbox")
    finally:
        await conn.close()
    assert claims == 1

    assert await consumer.handle_record(old) == "duplicate"  # the old record, produced again
    assert (await handlers.get_application(app.id, uow())).status == "designated"
    await engine.dispose()


def designation(app_id: str) -> ZoneDesignated:
    return ZoneDesignated(
        zone_id="z-old", application_id=app_id, programme="shandong-zones", programme_version=1,
        applicant=ApplicantRef(code="370103", name="济南市市中区"), title="t", theme="t",
        designated_by="370000", document_no="鲁民函〔2027〕1号", designated_at=NOW,
        period_start=NOW.date(), period_end=NOW.date(),
    )  # fmt: skip


async def _publish(*_: object) -> None:
    return None
