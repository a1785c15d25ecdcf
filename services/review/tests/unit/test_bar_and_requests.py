"""Shandong's second failure ends the case; requests about zones are decided by their authority."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.review.service_layer import handlers
from services.review.tests.samples import decide, submitted
from services.review.tests.unit.fakes import FakeUnitOfWork, arriving
from shared.clock import FixedClock
from shared.events.schemas import ApplicantRef, ReviewStageDecided, ZoneRequestDecided, ZoneRequestFiled
from shared.programmes.loader import default_catalogue

CATALOGUE = default_catalogue()
NOW = datetime(2027, 5, 20, 1, 0, tzinfo=UTC)


async def test_the_second_failed_preliminary_review_bars_the_theme() -> None:
    uow: Any = FakeUnitOfWork(FixedClock(NOW))
    event = submitted("370103")
    case = None
    for revision in (0, 1):
        again = event.model_copy(update={"revision": revision})
        await handlers.handle_application_submitted(
            again, arriving(uow, again, "/jurisdictions/000000/intake"), CATALOGUE, "370000"
        )
        case = await uow.cases.get(event.application_id)
        case.stage = "preliminary_review"  # as if the prefecture had passed it
        programme = CATALOGUE.get("shandong-zones", 1)
        assert programme is not None
        await handlers._open_if_mine(uow, case, programme, "preliminary_review", "370000")
        [task] = [t for t in uow.tasks.rows.values() if t.state == "open"]
        await handlers.handle_decide_task(decide(task.id, "needs_improvement"), uow, CATALOGUE)
    decisions = [e for e in uow.events if isinstance(e, ReviewStageDecided)]
    # the second failure reaches the bar: it rejects, and says why; intake counts both and bars the theme
    assert [(d.outcome, d.effect) for d in decisions] == [
        ("needs_improvement", "revise"),
        ("needs_improvement", "reject"),
    ]
    assert decisions[0].revision_due_on is not None and decisions[1].revision_due_on is None
    assert "不得再次申报" in decisions[1].opinion and "barred" in decisions[1].opinion
    assert "barred" not in decisions[0].opinion
    assert case is not None and case.status == "rejected" and case.history[-1].what == "barred"


def filed(kind: str, programme: str = "shandong-zones", **over: Any) -> ZoneRequestFiled:
    data: dict[str, Any] = dict(
        request_id="r-1",
        zone_id="z-1",
        application_id="a-1",
        programme=programme,
        programme_version=1,
        applicant=ApplicantRef(code="370103", name="济南市市中区"),
        kind=kind,
        title="智慧社区",
        summary="因疫情申请延期三个月",
        requested_end=date(2029, 9, 30),
        authority="370000",
        filed_by="370103",
        filed_at=NOW,
    )
    data.update(over)
    return ZoneRequestFiled.model_validate(data)


async def test_an_extension_opens_a_task_at_its_authority_and_its_approval_carries_the_new_end() -> None:
    monitoring = "/jurisdictions/000000/monitoring"
    province: Any = arriving(FakeUnitOfWork(FixedClock(NOW)), filed("extension"), monitoring)
    city: Any = arriving(FakeUnitOfWork(FixedClock(NOW)), filed("extension"), monitoring)
    await handlers.handle_zone_request_filed(filed("extension"), city, CATALOGUE, "370100", 30)
    await handlers.handle_zone_request_filed(filed("extension"), province, CATALOGUE, "370000", 30)
    await handlers.handle_zone_request_filed(filed("extension"), province, CATALOGUE, "370000", 30)
    assert not city.tasks.rows
    [task] = province.tasks.rows.values()
    assert task.stage == "request:extension" and task.due_on == date(2027, 6, 19)
    await handlers.handle_decide_task(decide(task.id, "approved"), province, CATALOGUE)
    [decided] = [e for e in province.events if isinstance(e, ZoneRequestDecided)]
    assert decided.new_end == date(2029, 9, 30) and decided.outcome == "approved"


async def test_an_acceptance_offers_a_title_only_where_the_programme_confers_one() -> None:
    from services.review.domain.requests import request_outcomes

    for key in ("shandong-zones", "top10-innovation", "national-zones"):
        programme = CATALOGUE.get(key, 1)
        assert programme is not None
        titled = bool(programme.success and programme.success.title_zh)
        assert ("accepted_with_title" in request_outcomes("acceptance", programme)) is titled
