"""A fresh intake database per test, and builders of the events intake follows."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from services.intake.service_layer import following
from services.intake.service_layer.unit_of_work import SqlIntakeUnitOfWork
from shared.clock import FixedClock
from shared.db.engine import make_engine, session_factory
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef, ReviewStageDecided, ZoneDesignated
from shared.programmes.loader import default_catalogue
from shared.programmes.model import Programme
from tests.support.postgres import drop_database, fresh_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
NOW = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)
UowFactory = Callable[..., SqlIntakeUnitOfWork]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def uow_factory(pg_server, clock: FixedClock):
    url = await fresh_database(pg_server, "intake_test", MIGRATIONS)
    engine = make_engine(url, pool_size=2)
    sessions = session_factory(engine)
    yield lambda **kw: SqlIntakeUnitOfWork(sessions, source="/jurisdictions/000000/intake", clock=clock, **kw)
    await engine.dispose()
    await drop_database(url)


async def count(uow: SqlIntakeUnitOfWork, table: str) -> int:
    async with uow:
        return int((await uow.session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def outbox(uow: SqlIntakeUnitOfWork) -> list[tuple[str, dict[str, Any]]]:
    """(event type, payload) of every outbox row, oldest first."""
    async with uow:
        rows = await uow.session.execute(text("SELECT event_type, value FROM outbox ORDER BY id"))
        return [(r[0], json.loads(r[1])) for r in rows]


def _programme(key: str) -> Programme:
    programme = default_catalogue().get(key, 1)
    assert programme is not None
    return programme


def _owner(key: str, stage: str, code: str) -> str:
    programme = _programme(key)
    found = programme.stage(stage)
    return (programme.stage_owner(found, code) if found else None) or "000000"


def _next(key: str, stage: str) -> str | None:
    following = _programme(key).next_stage(stage)
    return following.key if following else None


def arriving(uow_factory: Any, event: ReviewStageDecided | ZoneDesignated) -> Any:
    """A unit of work applying `event` as its genuine sender (the deciding or designating review) sends it."""
    by = event.decided_by if isinstance(event, ReviewStageDecided) else event.designated_by
    return uow_factory(cause=Envelope.wrap(event, source=f"/jurisdictions/{by}/review", time=NOW))


async def follow(uow_factory: Any, event: ReviewStageDecided | ZoneDesignated) -> None:
    """Intake applies `event` from its genuine sender."""
    if isinstance(event, ReviewStageDecided):
        await following.handle_stage_decided(event, arriving(uow_factory, event), default_catalogue())
    else:
        await following.handle_zone_designated(event, arriving(uow_factory, event))


async def reach(
    uow_factory: Any, app_id: str, stage: str, code: str = "370103", key: str = "shandong-zones"
) -> None:
    """Genuine passes of every stage before `stage`, as review would send them."""
    for earlier in _programme(key).route:
        if earlier.key == stage:
            return
        passed = decided(
            app_id, earlier.key, "advance", code=code, programme=key, outcome=earlier.outcomes[0].key
        )
        await follow(uow_factory, passed)


def decided(
    app_id: str,
    stage: str,
    effect: str,
    *,
    code: str = "370103",
    theme: str = "推进智慧社区建设",
    programme: str = "shandong-zones",
    outcome: str | None = None,
) -> ReviewStageDecided:
    return ReviewStageDecided(
        task_id=str(uuid.uuid4()),
        application_id=app_id,
        programme=programme,
        programme_version=1,
        stage=stage,
        stage_name=stage,
        outcome=outcome or {"revise": "needs_improvement"}.get(effect, effect),
        outcome_name=effect,
        effect=effect,
        next_stage=_next(programme, stage) if effect == "advance" else None,
        decided_by=_owner(programme, stage, code),
        reviewer="专家组",
        opinion="意见",
        applicant=ApplicantRef(code=code, name=code),
        title="t",
        theme=theme,
        decided_at=NOW,
    )


def designated(code: str, programme: str = "national-zones") -> ZoneDesignated:
    return ZoneDesignated(
        zone_id=str(uuid.uuid4()),
        application_id=str(uuid.uuid4()),
        programme=programme,
        programme_version=1,
        applicant=ApplicantRef(code=code, name=code),
        title="t",
        theme="t",
        designated_by=min(_programme(programme).designating_authorities(code)),
        document_no="民函〔2026〕1号",
        designated_at=NOW,
        period_start=date(2026, 1, 1),
        period_end=date(2028, 12, 31),
    )
