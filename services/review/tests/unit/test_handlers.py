"""The handlers over in-memory stores: one per jurisdiction, events passed between them by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.review.service_layer import handlers
from services.review.service_layer.formal_submissions import handle_file_form
from services.review.tests.samples import APPLICANT_FORM, SUBMITTED_AT, decide, submitted
from services.review.tests.unit.fakes import FakeUnitOfWork, arriving, natural_source
from shared.clock import FixedClock
from shared.events.registry import Event
from shared.events.schemas import ApplicationSubmitted, ReviewStageDecided, ReviewTaskOpened, ZoneDesignated
from shared.programmes.loader import default_catalogue
from shared.programmes.lookup import UnknownProgramme

CATALOGUE = default_catalogue()


@pytest.fixture
def stores() -> dict[str, FakeUnitOfWork]:
    clock = FixedClock(datetime(2027, 5, 20, 1, 0, tzinfo=UTC))
    return {me: FakeUnitOfWork(clock) for me in ("370100", "370000", "370200")}


async def deliver(stores: dict[str, FakeUnitOfWork], event: Event) -> None:
    """What the topic does: every instance sees every event."""
    for me, uow in stores.items():
        arriving(uow, event, natural_source(event))
        if isinstance(event, ApplicationSubmitted):
            await handlers.handle_application_submitted(event, uow, CATALOGUE, me)
        elif isinstance(event, ReviewStageDecided):
            await handlers.handle_stage_decided(event, uow, CATALOGUE, me)


async def decide_open_task(uow: FakeUnitOfWork, outcome: str) -> list[Event]:
    [task] = [t for t in uow.tasks.rows.values() if t.state == "open"]
    if outcome == "recommend":  # 003:35: the county's 申报表 reaches the prefecture first
        await handle_file_form(task.application_id, None, APPLICANT_FORM, uow, CATALOGUE, "370100")
    before = len(uow.events)
    await handlers.handle_decide_task(decide(task.id, outcome), uow, CATALOGUE)
    return uow.events[before:]


async def test_submission_opens_the_first_stage_at_the_prefecture_only(
    stores: dict[str, FakeUnitOfWork],
) -> None:
    await deliver(stores, submitted())
    jinan, shandong, qingdao = stores["370100"], stores["370000"], stores["370200"]
    assert [type(e) for e in jinan.events] == [ReviewTaskOpened]
    assert len(shandong.cases.rows) == 1 and not shandong.tasks.rows and not shandong.events
    assert not qingdao.cases.rows and qingdao.commits == 0


async def test_the_whole_route_crosses_levels_and_ends_in_a_designation(
    stores: dict[str, FakeUnitOfWork],
) -> None:
    app = submitted()
    await deliver(stores, app)
    for owner, outcome in [("370100", "pass"), ("370000", "pass"), ("370100", "recommend")]:
        [decided] = await decide_open_task(stores[owner], outcome)
        await deliver(stores, decided)
    opened = [e for e in stores["370000"].events if isinstance(e, ReviewTaskOpened)]
    assert [e.stage for e in opened] == ["preliminary_review", "evaluation"]
    decided, zone = await decide_open_task(stores["370000"], "designate")
    assert isinstance(decided, ReviewStageDecided) and isinstance(zone, ZoneDesignated)
    assert zone.document_no == "鲁民函〔2027〕1号" and zone.designated_by == "370000"
    assert (zone.period_start, zone.period_end) == (date(2027, 5, 20), date(2029, 5, 19))
    await deliver(stores, decided)
    for me in ("370100", "370000"):
        case = stores[me].cases.rows[app.application_id]
        filed = [h.what for h in case.history if h.what.startswith("formally_submitted")]
        assert filed == (["formally_submitted:formal_recommendation"] if me == "370100" else [])
        assert [h.what for h in case.history if h.what not in filed][:5] == [
            "submitted",
            "prefecture_review:pass",
            "preliminary_review:pass",
            "formal_recommendation:recommend",
            "evaluation:designate",
        ]
        assert case.status == "designated"


async def test_redelivered_submission_changes_nothing(stores: dict[str, FakeUnitOfWork]) -> None:
    app = submitted()
    await deliver(stores, app)
    await deliver(stores, app)
    assert len(stores["370100"].tasks.rows) == 1 and len(stores["370100"].events) == 1


async def test_designation_numbers_count_up_within_the_year(stores: dict[str, FakeUnitOfWork]) -> None:
    numbers = []
    for _ in range(2):
        await deliver(stores, submitted(submitted_at=SUBMITTED_AT))
        for owner, outcome in [("370100", "pass"), ("370000", "pass"), ("370100", "recommend")]:
            [decided] = await decide_open_task(stores[owner], outcome)
            await deliver(stores, decided)
        numbers.append((await decide_open_task(stores["370000"], "designate"))[1])
    assert [z.document_no for z in numbers if isinstance(z, ZoneDesignated)] == [
        "鲁民函〔2027〕1号",
        "鲁民函〔2027〕2号",
    ]


async def test_a_submission_under_an_unknown_programme_version_is_refused_and_changes_nothing(
    stores: dict[str, FakeUnitOfWork],
) -> None:
    with pytest.raises(UnknownProgramme) as err:
        await deliver(stores, submitted(programme_version=99))
    assert (err.value.key, err.value.version, err.value.status) == ("shandong-zones", 99, 422)
    assert all(not uow.cases.rows and not uow.events for uow in stores.values())
