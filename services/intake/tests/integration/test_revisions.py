"""Revisions, the two-failure bar and the national-zone exclusion, against real PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from services.intake.domain.commands import ReviseApplication
from services.intake.service_layer import handlers
from services.intake.tests.integration.conftest import (
    UowFactory,
    count,
    decided,
    designated,
    follow,
    outbox,
    reach,
)
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW, draft
from shared.clock import FixedClock
from shared.errors import Conflict, Refused
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
SUBMITTED = "zones.application.submitted.v1"


def revision(app_id: str, **over: object) -> ReviseApplication:
    d = draft("shandong-zones")
    data: dict[str, Any] = dict(
        application_id=app_id,
        title="智慧社区（修改稿）",
        contact_email=d.contact_email,
        theme=d.theme,
        period_months=d.period_months,
        plan={k: v + "补充完善。" for k, v in d.plan.items()},
        guidance_expert=d.guidance_expert,
    )
    return ReviseApplication(**{**data, **over})


async def test_a_revision_is_taken_only_while_waiting_for_it_and_keeps_the_history(
    uow_factory: UowFactory,
) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "preliminary_review")
    with pytest.raises(Conflict) as err:
        await handlers.handle_revise_application(revision(app.id), uow_factory(), CATALOGUE)
    assert [r.code for r in err.value.reasons] == ["not_awaiting_revision"]

    await follow(uow_factory, decided(app.id, "preliminary_review", "revise"))
    with pytest.raises(Refused) as refused:
        await handlers.handle_revise_application(revision(app.id, theme="别的"), uow_factory(), CATALOGUE)
    assert [r.code for r in refused.value.reasons] == ["theme_not_listed"]
    assert (await handlers.get_application(app.id, uow_factory())).revision == 0

    revised = await handlers.handle_revise_application(revision(app.id), uow_factory(), CATALOGUE)
    assert (revised.revision, revised.status.value, revised.title) == (
        1,
        "under_review",
        "智慧社区（修改稿）",
    )
    stored = await handlers.get_application(app.id, uow_factory())
    assert [h.what for h in stored.history] == [
        "submitted",
        "prefecture_review:pass",
        "preliminary_review:needs_improvement",
        "revised",
    ]
    assert [(r["revision"], r["title"]) for r in stored.revisions] == [(0, "社区治理创新实验")]
    rows = await outbox(uow_factory())
    assert [(t, p["revision"]) for t, p in rows] == [(SUBMITTED, 0), (SUBMITTED, 1)]
    assert rows[1][1]["reference_no"] == rows[0][1]["reference_no"] == app.reference_no


async def test_two_failed_preliminary_reviews_bar_the_theme(uow_factory: UowFactory) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "preliminary_review")
    await follow(uow_factory, decided(app.id, "preliminary_review", "revise"))
    await handlers.handle_revise_application(revision(app.id), uow_factory(), CATALOGUE)
    # the second failure comes with effect reject (review knows it reaches the bar); still a failure
    second = decided(app.id, "preliminary_review", "reject", outcome="needs_improvement")
    await follow(uow_factory, second)
    barred = await handlers.get_application(app.id, uow_factory())
    assert (barred.status.value, barred.history[-1].what) == ("rejected", "barred")

    with pytest.raises(Conflict):
        await handlers.handle_revise_application(revision(app.id), uow_factory(), CATALOGUE)
    with pytest.raises(Refused) as err:
        await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    assert [r.code for r in err.value.reasons] == ["theme_barred"]
    other = await handlers.handle_submit_application(
        draft("shandong-zones", theme="建立健全居务监督委员会"), uow_factory(), CATALOGUE
    )
    assert other.status.value == "under_review"


async def test_a_producer_not_yet_upgraded_sends_revise_twice_and_the_theme_is_barred_all_the_same(
    uow_factory: UowFactory,
) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "preliminary_review")
    for n in (1, 2):
        await follow(uow_factory, decided(app.id, "preliminary_review", "revise"))
        if n == 1:
            await handlers.handle_revise_application(revision(app.id), uow_factory(), CATALOGUE)
    barred = await handlers.get_application(app.id, uow_factory())
    assert (barred.status.value, barred.history[-1].what) == ("rejected", "barred")


async def test_a_plain_rejection_is_no_failed_review(uow_factory: UowFactory) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "evaluation")
    await follow(uow_factory, decided(app.id, "evaluation", "reject", outcome="not_designated"))
    rejected = await handlers.get_application(app.id, uow_factory())
    assert (rejected.status.value, rejected.history[-1].what) == ("rejected", "evaluation:not_designated")


async def test_a_national_zone_may_not_apply_in_jilin(uow_factory: UowFactory) -> None:
    await follow(uow_factory, designated("220104"))
    check = await handlers.check_application(draft("jilin-zones"), uow_factory(), CATALOGUE)
    assert [r.code for r in check] == ["already_national_zone"]
    with pytest.raises(Refused) as err:
        await handlers.handle_submit_application(draft("jilin-zones"), uow_factory(), CATALOGUE)
    assert [r.code for r in err.value.reasons] == ["already_national_zone"]
    assert await count(uow_factory(), "applications") == 0
    await follow(uow_factory, designated("220104", programme="jilin-zones"))
    assert await count(uow_factory(), "designations") == 2
    other = await handlers.handle_submit_application(
        draft("jilin-zones", applicant_code="220102"), uow_factory(), CATALOGUE
    )
    assert other.programme == "jilin-zones"


async def test_every_programme_takes_a_valid_submission_and_refuses_a_duplicate(
    uow_factory: UowFactory, clock: FixedClock
) -> None:
    clock.at = IN_EVERY_WINDOW
    for key in ("national-zones", "top10-innovation", "rural-full-coverage"):
        await handlers.handle_submit_application(draft(key), uow_factory(), CATALOGUE)
        with pytest.raises(Refused) as err:
            await handlers.handle_submit_application(draft(key), uow_factory(), CATALOGUE)
        assert [r.code for r in err.value.reasons] == ["duplicate_open_application"]
    assert await count(uow_factory(), "applications") == 3
