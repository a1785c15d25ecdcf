"""Tolerant reader, against real PostgreSQL: every type intake's consumer handles, carrying a field a later
minor version added (top level and nested), is applied exactly as without it, and the field is nowhere in
intake's database (tests/support/tolerant.py runs the twins). Intake first takes the application (its own
command; both twins call it a1, as the genuine samples do), then the samples arrive in their order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.intake.entrypoints.consumers import intake_consumer
from services.intake.service_layer import handlers
from services.intake.service_layer.ports import IntakeUnitOfWork
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from services.intake.tests.integration.conftest import MIGRATIONS, NOW
from services.intake.tests.unit.drafts import draft
from shared.clock import FixedClock
from shared.db.engine import session_factory
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from shared.tests.genuine_events import GENUINE
from tests.support.tolerant import Step, run_twins

pytestmark = pytest.mark.integration
SETTINGS = Settings(service="intake", max_attempts=1)  # unsigned, as every integration test's
CATALOGUE = default_catalogue()
PROBES = {
    "a1": "SELECT status || ':' || coalesce(stage, '-') FROM applications WHERE id = 'a1'",
    "designations": "SELECT string_agg(zone_id, ',') FROM designations",
    "recommendations": "SELECT string_agg(id || ':' || status, ',') FROM recommendations",
    "registers": "SELECT string_agg(kind || ':' || version, ',') FROM registers",
}


def _uow(engine: AsyncEngine) -> Callable[..., SqlIntakeUnitOfWork]:
    sessions = session_factory(engine)
    return unit_of_work_factory(
        SqlIntakeUnitOfWork, sessions, source="/jurisdictions/000000/intake", clock=FixedClock(NOW)
    )


def _consumer(engine: AsyncEngine) -> EventConsumer[IntakeUnitOfWork]:
    return intake_consumer(SETTINGS, _uow(engine), CATALOGUE)


async def _submit_a1(engine: AsyncEngine) -> None:
    await handlers.handle_submit_application(draft("shandong-zones"), _uow(engine)(), CATALOGUE)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE applications SET id = 'a1'"))


async def test_every_handled_type_with_an_unknown_field_is_applied_and_the_field_kept_out(
    pg_server: str,
) -> None:
    handled = _consumer(None).handlers  # type: ignore[arg-type]  # the map needs no database
    steps: list[Step] = []
    for event, who in GENUINE:
        if event.type in handled:
            env = Envelope.wrap(event, source=f"/jurisdictions/{who}", time=NOW)
            steps.append(env if steps else (_submit_a1, env))
    assert len(handled) == len(steps) == 4
    twins = await run_twins(pg_server, MIGRATIONS, "intake_tolerant", _consumer, steps, PROBES)
    assert [v for _, v in twins.verdicts] == ["applied"] * 4 and {t for t, _ in twins.verdicts} == set(
        handled
    )
    assert [p["a1"] for p in twins.probes] == [
        "under_review:preliminary_review",
        "designated:-",
        "designated:-",
        "designated:-",
    ]
    assert twins.probes[-1] == {
        "a1": "designated:-",
        "designations": "z1",
        "recommendations": "rc1:pending",
        "registers": "national-zones:1",  # issue 17 point 4: a register from its holder (000000) is kept
    }
    assert twins.rows["inbox"] == 4
    assert sum(twins.marked.values()) == 0 and len(twins.marked) >= 8, twins.marked  # tables searched
