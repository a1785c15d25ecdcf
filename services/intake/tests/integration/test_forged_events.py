"""Forged decisions, designations and recommendations at intake: quarantined, nothing recorded.

A forged failure must not count towards the two-failure bar, a forged designation must not exclude an
applicant, a forged decision must not move an application (issue 12's Qingdao and next-stage findings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from services.intake.service_layer import following, handlers
from services.intake.service_layer.recommendations import handle_zone_recommended
from services.intake.tests.integration.conftest import (
    UowFactory,
    count,
    decided,
    designated,
    follow,
    reach,
)
from services.intake.tests.integration.test_recommendations import EVENT as RECOMMENDED
from services.intake.tests.unit.drafts import draft
from shared.errors import Quarantined
from shared.events.envelope import Envelope
from shared.events.schemas import ApplicantRef
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
NOW = RECOMMENDED.recommended_at


def review(code: str) -> str:
    return f"/jurisdictions/{code}/review"


Forgery = Callable[[str], tuple[Any, str]]
DECISIONS: dict[str, Forgery] = {
    "sibling prefecture, claims 370203": lambda a: (
        decided(a, "prefecture_review", "advance", outcome="pass").model_copy(
            update={"decided_by": "370200", "applicant": ApplicantRef(code="370203", name="x"),
                    "next_stage": "evaluation"}), review("370200")),
    "genuine owner, next_stage evaluation": lambda a: (
        decided(a, "prefecture_review", "advance", outcome="pass").model_copy(
            update={"next_stage": "evaluation"}),
        review("370100")),
    "a stage the application is not at": lambda a: (
        decided(a, "preliminary_review", "revise"), review("370000")),
    "right jurisdiction, wrong service": lambda a: (
        decided(a, "prefecture_review", "revise"), "/jurisdictions/370100/intake"),
    "a failure for an unknown application by a non-owner": lambda a: (
        decided("unknown-app", "preliminary_review", "revise"), review("370100")),
}  # fmt: skip


@pytest.mark.parametrize("name", list(DECISIONS))
async def test_a_forged_decision_moves_nothing_and_counts_no_failure(
    name: str, uow_factory: UowFactory
) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    event, source = DECISIONS[name](app.id)
    uow = uow_factory(cause=Envelope.wrap(event, source=source, time=NOW))
    with pytest.raises(Quarantined):
        await following.handle_stage_decided(event, uow, CATALOGUE)
    stored = await handlers.get_application(app.id, uow_factory())
    assert (stored.stage, stored.status.value, len(stored.history)) == (
        "prefecture_review",
        "under_review",
        1,
    )
    assert await count(uow_factory(), "failed_reviews") == 0


async def test_a_genuine_decision_still_moves_the_application(uow_factory: UowFactory) -> None:
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "formal_recommendation")
    stored = await handlers.get_application(app.id, uow_factory())
    assert stored.stage == "formal_recommendation"


@pytest.mark.parametrize("by", ["220104", "220100", "370000"])
async def test_a_forged_designation_excludes_nobody(by: str, uow_factory: UowFactory) -> None:
    event = designated("220104", programme="national-zones").model_copy(update={"designated_by": by})
    with pytest.raises(Quarantined):
        await following.handle_zone_designated(
            event, uow_factory(cause=Envelope.wrap(event, source=review(by), time=NOW))
        )
    assert await count(uow_factory(), "designations") == 0


@pytest.mark.parametrize(
    "source",
    ["/jurisdictions/000000/monitoring", review("220100"), review("370000"), "/jurisdictions/220000/intake"],
)
async def test_a_recommendation_not_from_the_designating_authoritys_review_opens_nothing(
    source: str, uow_factory: UowFactory
) -> None:
    """004:51 "省民政厅将择优推荐申报国家级实验区": only Jilin's own review instance recommends."""
    uow = uow_factory(cause=Envelope.wrap(RECOMMENDED, source=source, time=NOW))
    with pytest.raises(Quarantined):
        await handle_zone_recommended(RECOMMENDED, uow)
    assert await count(uow_factory(), "recommendations") == 0


async def test_a_designation_overtaking_its_decision_is_no_forgery(uow_factory: UowFactory) -> None:
    """The designation (topic zones) may arrive before its decision (topic applications)."""
    app = await handlers.handle_submit_application(draft("shandong-zones"), uow_factory(), CATALOGUE)
    await reach(uow_factory, app.id, "evaluation")
    zone = designated("370103", programme="shandong-zones").model_copy(update={"application_id": app.id})
    await follow(uow_factory, zone)
    await follow(uow_factory, decided(app.id, "evaluation", "designate", outcome="designate"))
    stored = await handlers.get_application(app.id, uow_factory())
    assert stored.status.value == "designated" and stored.history[-1].what == "evaluation:designate"
