"""Forged events by wrong parties: each is quarantined with its reason and no store changes.

Findings of issue 12 reproduced here: a Qingdao key deciding a Jinan stage, Jinan's genuine key naming
the province's `evaluation` as next stage, a county's own `ApplicationSubmitted` breaking the rules.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from services.review.service_layer import handlers
from services.review.tests.samples import submitted
from services.review.tests.unit.fakes import FakeUnitOfWork, arriving
from services.review.tests.unit.test_handlers import CATALOGUE, decide_open_task, deliver
from shared.clock import FixedClock
from shared.errors import Quarantined
from shared.events.schemas import ApplicationSubmitted, ReviewStageDecided, ZoneDesignated

INTAKE, JINAN, PROVINCE, QINGDAO = (
    "/jurisdictions/000000/intake",
    "/jurisdictions/370100/review",
    "/jurisdictions/370000/review",
    "/jurisdictions/370200/review",
)
Stores = dict[str, FakeUnitOfWork]


async def _stores() -> tuple[Stores, ApplicationSubmitted]:
    clock = FixedClock(datetime(2027, 5, 20, 1, 0, tzinfo=UTC))
    stores = {me: FakeUnitOfWork(clock) for me in ("370100", "370000", "370200")}
    app = submitted()
    await deliver(stores, app)
    return stores, app


def _decision(app: ApplicationSubmitted, **over: Any) -> ReviewStageDecided:
    data: dict[str, Any] = dict(
        task_id=str(uuid.uuid4()),
        application_id=app.application_id,
        programme="shandong-zones",
        programme_version=1,
        stage="prefecture_review",
        stage_name="市级审核",
        outcome="pass",
        outcome_name="通过",
        effect="advance",
        next_stage="preliminary_review",
        decided_by="370100",
        reviewer="reviewer:370100:x",
        opinion="同意",
        applicant=app.applicant,
        title=app.title,
        theme=app.theme,
        decided_at=datetime(2027, 5, 20, 2, 0, tzinfo=UTC),
    )
    data.update(over)
    return ReviewStageDecided.model_validate(data)


Forgery = Callable[[ApplicationSubmitted], tuple[ReviewStageDecided, str]]
FORGERIES: dict[str, Forgery] = {
    "sibling prefecture decides, claims 370203, skips to evaluation": lambda a: (
        _decision(
            a,
            decided_by="370200",
            applicant=a.applicant.model_copy(update={"code": "370203"}),
            next_stage="evaluation",
        ),
        QINGDAO,
    ),
    "genuine owner names next_stage evaluation": lambda a: (_decision(a, next_stage="evaluation"), JINAN),
    "genuine owner claims effect designate": lambda a: (
        _decision(a, effect="designate", next_stage=None),
        JINAN,
    ),
    "upper level decides the prefecture's stage": lambda a: (_decision(a, decided_by="370000"), PROVINCE),
    "claims decided_by Jinan, sent by the province": lambda a: (_decision(a), PROVINCE),
    "right jurisdiction, wrong service": lambda a: (_decision(a), "/jurisdictions/370100/intake"),
    "a stage the case is not at": lambda a: (
        _decision(a, stage="preliminary_review", decided_by="370000", next_stage="formal_recommendation"),
        PROVINCE,
    ),
    "an outcome the stage does not have": lambda a: (_decision(a, outcome="designate"), JINAN),
    "another programme's version": lambda a: (_decision(a, programme_version=2), JINAN),
}


@pytest.mark.parametrize("name", list(FORGERIES))
async def test_a_forged_stage_decision_is_quarantined_and_changes_nothing(name: str) -> None:
    stores, app = await _stores()
    event, source = FORGERIES[name](app)
    before = {me: copy.deepcopy((u.cases.rows, u.tasks.rows, u.events)) for me, u in stores.items()}
    quarantined = 0
    for me, uow in stores.items():
        try:
            await handlers.handle_stage_decided(event, arriving(uow, event, source), CATALOGUE, me)
        except Quarantined as exc:
            quarantined += 1
            assert exc.reasons and all(r.message_zh and r.message_en for r in exc.reasons)
    assert quarantined >= 1, name
    if name.startswith("sibling prefecture"):  # Jinan holds the case too: the false applicant hides nothing
        assert quarantined == 2
    assert {me: (u.cases.rows, u.tasks.rows, u.events) for me, u in stores.items()} == before


async def test_an_echo_of_a_known_decision_from_another_sender_is_quarantined() -> None:
    stores, _ = await _stores()
    [genuine] = await decide_open_task(stores["370100"], "pass")
    assert isinstance(genuine, ReviewStageDecided)
    await deliver(stores, genuine)  # the genuine one: applied at the province, an echo at Jinan
    assert stores["370000"].cases.rows[genuine.application_id].stage == "preliminary_review"
    with pytest.raises(Quarantined, match="decision_mismatch"):
        await handlers.handle_stage_decided(
            genuine, arriving(stores["370000"], genuine, QINGDAO), CATALOGUE, "370000"
        )


def _county_forgery(app: ApplicationSubmitted) -> ApplicationSubmitted:
    return app.model_copy(
        update={
            "submitted_at": datetime(2027, 8, 1, 2, 0, tzinfo=UTC),
            "plan_characters": 12,
            "theme": "自拟主题",
        }
    )


Submission = tuple[Callable[[ApplicationSubmitted], ApplicationSubmitted], str, set[str]]
COUNTY_INTAKE, QINGDAO_INTAKE = "/jurisdictions/370103/intake", "/jurisdictions/370200/intake"
SUBMISSIONS: dict[str, Submission] = {
    "county's own: 12-character plan, unlisted theme (August is no longer late: 003:31 binds the forward)": (
        _county_forgery,
        COUNTY_INTAKE,
        {"plan_too_short", "theme_not_listed"},
    ),
    "sibling prefecture's intake for a Jinan applicant": (
        lambda a: a,
        QINGDAO_INTAKE,
        {"sender_not_applicants_intake"},
    ),
    "right jurisdiction, wrong service": (
        lambda a: a,
        "/jurisdictions/000000/review",
        {"sender_not_applicants_intake"},
    ),
    "a revision nobody asked for": (
        lambda a: a.model_copy(update={"revision": 1}),
        INTAKE,
        {"revision_of_unknown"},
    ),
    "a period longer than allowed": (
        lambda a: a.model_copy(update={"period_months": 60}),
        INTAKE,
        {"period_invalid"},
    ),
}


@pytest.mark.parametrize("name", list(SUBMISSIONS))
async def test_a_forged_submission_opens_no_case_and_no_task(name: str) -> None:
    forge, source, codes = SUBMISSIONS[name]
    event = forge(submitted())
    for me in ("370100", "370000"):
        uow = FakeUnitOfWork(FixedClock(datetime(2027, 8, 2, tzinfo=UTC)))
        with pytest.raises(Quarantined) as caught:
            await handlers.handle_application_submitted(event, arriving(uow, event, source), CATALOGUE, me)
        assert codes <= {r.code for r in caught.value.reasons}
        assert not uow.cases.rows and not uow.tasks.rows and uow.commits == 0


async def test_a_third_application_on_a_theme_that_failed_twice_is_quarantined() -> None:
    uow = FakeUnitOfWork(FixedClock(datetime(2027, 5, 20, tzinfo=UTC)))
    old = submitted()
    await handlers.handle_application_submitted(old, arriving(uow, old, INTAKE), CATALOGUE, "370000")
    case = uow.cases.rows[old.application_id]
    for n in (1, 2):
        case.stage = "preliminary_review"
        failed = _decision(
            old,
            stage="preliminary_review",
            outcome="needs_improvement",
            decided_by="370000",
            effect="revise" if n == 1 else "reject",
            next_stage=None,
        )
        await handlers.handle_stage_decided(failed, arriving(uow, failed, PROVINCE), CATALOGUE, "370000")
    assert case.status == "rejected"
    again = submitted()  # a new application, the same applicant and theme
    with pytest.raises(Quarantined, match="theme_barred"):
        await handlers.handle_application_submitted(again, arriving(uow, again, INTAKE), CATALOGUE, "370000")
    other = submitted(theme="推广“一窗受理、全科服务”模式")
    await handlers.handle_application_submitted(other, arriving(uow, other, INTAKE), CATALOGUE, "370000")
    assert other.application_id in uow.cases.rows


async def test_a_designation_or_request_claiming_to_be_mine_from_elsewhere_is_quarantined() -> None:
    stores, app = await _stores()
    province: Any = stores["370000"]
    zone = ZoneDesignated.model_validate(
        dict(
            zone_id="z-9",
            application_id=app.application_id,
            programme="shandong-zones",
            programme_version=1,
            applicant=app.applicant,
            title=app.title,
            theme=app.theme,
            designated_by="370000",
            document_no="鲁民函〔2027〕9号",
            designated_at=datetime(2027, 5, 20, tzinfo=UTC),
            period_start="2027-05-20",
            period_end="2029-05-19",
        )
    )
    with pytest.raises(Quarantined, match="not_my_own"):
        await handlers.handle_zone_designated(zone, arriving(province, zone, JINAN), "370000")
    from services.review.tests.unit.test_bar_and_requests import filed

    request = filed("extension", application_id=app.application_id)
    with pytest.raises(Quarantined, match=r"not_monitoring.*not_my_zone"):
        await handlers.handle_zone_request_filed(
            request, arriving(province, request, COUNTY_INTAKE), CATALOGUE, "370000", 30
        )
    assert not [t for t in province.tasks.rows.values() if t.kind == "request"]


def test_the_suite_tries_every_wrong_party() -> None:
    assert len(FORGERIES) == 9 and len(SUBMISSIONS) == 5  # guard: how much the suite looked at


async def test_the_echo_of_my_own_decision_opens_my_next_stage() -> None:
    """Jilin's province owns expert_review and confirmation: its own decision's echo opens the next."""
    uow = FakeUnitOfWork(FixedClock(datetime(2027, 9, 1, tzinfo=UTC)))
    app = submitted(
        "220104", "长春市朝阳区", programme="jilin-zones", theme="提高社区治理水平", guidance_expert=None
    )
    await handlers.handle_application_submitted(app, arriving(uow, app, INTAKE), CATALOGUE, "220000")
    case = uow.cases.rows[app.application_id]
    case.stage = "expert_review"  # as if Changchun had passed it
    mine = _decision(
        app, programme="jilin-zones", stage="expert_review", decided_by="220000", next_stage="confirmation"
    )
    case.record_decision(mine)  # decided here: the case moved on, the echo comes back from the topic
    await handlers.handle_stage_decided(
        mine, arriving(uow, mine, "/jurisdictions/220000/review"), CATALOGUE, "220000"
    )
    assert [t.stage for t in uow.tasks.rows.values()] == ["confirmation"]
    with pytest.raises(Quarantined, match="decision_mismatch"):  # the same echo from another sender
        await handlers.handle_stage_decided(mine, arriving(uow, mine, QINGDAO), CATALOGUE, "220000")
