"""Tolerant reader, against real PostgreSQL: every type review's consumer handles, carrying a field a later
minor version added (top level and nested), is applied exactly as without it, and the field is nowhere in
review's database (tests/support/tolerant.py runs the twins). The receiver is Shandong's province
(review-370000); the genuine samples arrive in their order: the submission opens the case, Jinan's pass
opens preliminary review here, the request filed about z1 opens a task here and its decision closes it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from services.review.domain.task import TASK_ID_NAMESPACE
from services.review.entrypoints.consumers import review_consumer
from services.review.service_layer.ports import ReviewUnitOfWork
from services.review.service_layer.unit_of_work import SqlReviewUnitOfWork
from services.review.tests.integration.conftest import MIGRATIONS, NOW
from services.review.tests.samples import submitted
from shared.clock import FixedClock
from shared.db.engine import session_factory
from shared.db.unit_of_work import unit_of_work_factory
from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas import ApplicationSubmitted, ApplicationWithdrawn, ReviewStageDecided
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue
from shared.settings import Settings
from shared.tests.genuine_events import GENUINE
from tests.support.sources import rightful_source
from tests.support.tolerant import run_twins

pytestmark = pytest.mark.integration
ME = "370000"
SETTINGS = Settings(
    service="review", jurisdiction=ME, max_attempts=1
)  # unsigned, as every integration test's
PROBES = {
    "case a1": "SELECT stage FROM cases WHERE application_id = 'a1'",
    "tasks": "SELECT string_agg(stage || ':' || state, ',' ORDER BY stage) FROM tasks",
    "zone": "SELECT zone_id || ' ' || document_no FROM tasks WHERE zone_id IS NOT NULL",
    "a2": "SELECT status FROM cases WHERE application_id = 'a2'",
}


def _uow(engine: AsyncEngine) -> Callable[..., SqlReviewUnitOfWork]:
    sessions = session_factory(engine)
    return unit_of_work_factory(
        SqlReviewUnitOfWork, sessions, source=f"/jurisdictions/{ME}/review", clock=FixedClock(NOW)
    )


def _consumer(engine: AsyncEngine) -> EventConsumer[ReviewUnitOfWork]:
    return review_consumer(SETTINGS, _uow(engine), default_catalogue())


def _task(stage: str) -> str:
    """The id the province's task at `stage` gets (it follows from what opens it)."""
    return str(uuid.uuid5(TASK_ID_NAMESPACE, f"a1|{stage}|0|{ME}"))


def _then(first: ReviewStageDecided) -> list[ReviewStageDecided]:
    """The rest of a1's route after Jinan's pass, as its deciders published it (a replay here)."""
    route = [  # stage, outcome, effect, next stage, decided by, task
        ("preliminary_review", "pass", "advance", "formal_recommendation", ME, _task("preliminary_review")),
        ("formal_recommendation", "recommend", "advance", "evaluation", "370100", "t3"),
        ("evaluation", "designate", "designate", None, ME, _task("evaluation")),
    ]
    return [
        first.model_copy(
            update=dict(
                stage=st,
                stage_name=st,
                outcome=o,
                outcome_name=o,
                effect=e,
                next_stage=n,
                decided_by=by,
                task_id=t,
                reviewer=f"reviewer:{by}:{t[:8]}",
            )
        )
        for st, o, e, n, by, t in route
    ]


def _shandongs(event: Event) -> list[Event]:
    """Shandong's programme wants a guidance expert: its genuine submission of a1 is review's sample;
    the designation follows the whole route. The withdrawal is of a2, submitted just before (last)."""
    if isinstance(event, ApplicationSubmitted):
        return [submitted(application_id="a1")]
    if isinstance(event, ApplicationWithdrawn):
        return [submitted(application_id="a2"), event.model_copy(update={"application_id": "a2"})]
    return [event, *_then(event)] if isinstance(event, ReviewStageDecided) else [event]


async def test_every_handled_type_with_an_unknown_field_is_applied_and_the_field_kept_out(
    pg_server: str,
) -> None:
    handled = _consumer(None).handlers  # type: ignore[arg-type]  # the map needs no database
    steps: list[Envelope] = [
        Envelope.wrap(each, source=rightful_source(each), time=NOW)
        for event, _ in GENUINE
        if event.type in handled
        for each in _shandongs(event)
    ]
    steps.sort(key=lambda s: "a2" in s.subject)  # a2's two steps last, a1's in their order
    assert len(handled) == len({s.type for s in steps}) == 6 and len(steps) == 10
    twins = await run_twins(pg_server, MIGRATIONS, "review_tolerant", _consumer, steps, PROBES)
    assert [v for _, v in twins.verdicts] == ["applied"] * 10 and {t for t, _ in twins.verdicts} == set(
        handled
    )
    assert twins.rows["inbox"] == 10
    assert [p["case a1"] for p in twins.probes][:5] == [
        "prefecture_review", "preliminary_review", "formal_recommendation", "evaluation", None,
    ]  # fmt: skip
    assert [p["zone"] for p in twins.probes][4:6] == [
        None,
        "z1 鲁民函〔2027〕1号",
    ]  # the designation's replay
    assert [p["tasks"] for p in twins.probes][5:] == [
        "evaluation:decided,preliminary_review:decided",
        "evaluation:decided,preliminary_review:decided,request:extension:open",
        "evaluation:decided,preliminary_review:decided,request:extension:decided",
        "evaluation:decided,preliminary_review:decided,request:extension:decided",  # a2: no task here
        "evaluation:decided,preliminary_review:decided,request:extension:decided",  # a2 withdrawn
    ]
    assert twins.probes[-1]["a2"] == "withdrawn"
    assert sum(twins.marked.values()) == 0 and len(twins.marked) >= 7, twins.marked  # tables searched
