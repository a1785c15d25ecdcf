"""Territory and stage ownership, read from the programme's route (never hard-coded)."""

from __future__ import annotations

from services.review.domain.case import Case
from services.review.domain.routing import in_territory, owns_stage, task_if_mine
from services.review.tests.samples import SUBMITTED_AT, submitted
from services.review.tests.unit.programmes import SHANDONG, THREE_LEVELS


def test_territory() -> None:
    assert in_territory("370103", "370100")
    assert in_territory("370103", "370000")
    assert in_territory("370103", "000000")
    assert not in_territory("370103", "370200")
    assert not in_territory("220104", "370000")


def test_shandong_route_alternates_prefecture_and_province() -> None:
    owners = {s.key: SHANDONG.stage_owner(s, "370103") for s in SHANDONG.route}
    assert owners == {
        "prefecture_review": "370100",
        "preliminary_review": "370000",
        "formal_recommendation": "370100",
        "evaluation": "370000",
    }
    assert owns_stage(SHANDONG, "prefecture_review", "370103", "370100")
    assert not owns_stage(SHANDONG, "prefecture_review", "370103", "370000")
    assert not owns_stage(SHANDONG, "no_such_stage", "370103", "370100")


def test_another_programme_routes_to_the_ministry() -> None:
    assert [THREE_LEVELS.stage_owner(s, "220104") for s in THREE_LEVELS.route] == [
        "220100",
        "220000",
        "000000",
    ]


def test_task_only_for_the_owner() -> None:
    case = Case.from_submitted(submitted(), SHANDONG.first_stage.key)
    assert task_if_mine(case, SHANDONG, "prefecture_review", "370000", SUBMITTED_AT) is None
    task = task_if_mine(case, SHANDONG, "prefecture_review", "370100", SUBMITTED_AT)
    assert task is not None and task.reviewer_jurisdiction == "370100"
