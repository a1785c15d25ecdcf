"""A review task: opening it, the rules for deciding it, and what a decision raises."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.review.domain.case import Case
from services.review.domain.task import ReviewTask, TaskState
from services.review.tests.samples import SUBMITTED_AT, decide, submitted
from services.review.tests.unit.programmes import SHANDONG, THREE_LEVELS
from shared.errors import Conflict, Refused
from shared.events.schemas import ReviewStageDecided, ReviewTaskOpened
from shared.programmes.model import Programme

LATER = SUBMITTED_AT + timedelta(days=3)


def opened(
    programme: Programme = SHANDONG, stage: int = 0, applicant: str = "370103"
) -> tuple[ReviewTask, Case]:
    case = Case.from_submitted(submitted(applicant), programme.route[stage].key)
    owner = programme.stage_owner(programme.route[stage], applicant)
    assert owner is not None
    return ReviewTask.open(case, programme, programme.route[stage], owner, SUBMITTED_AT), case


def test_opening_raises_the_event_with_the_stage_due_date() -> None:
    task, _ = opened()
    assert task.state is TaskState.OPEN and task.due_on == date(2027, 5, 25)  # 15 days, Shanghai
    [event] = task.events
    assert isinstance(event, ReviewTaskOpened)
    assert (event.stage, event.stage_name, event.reviewer_jurisdiction) == (
        "prefecture_review",
        "市级民政部门审核",
        "370100",
    )


def test_advance_names_the_next_stage() -> None:
    task, case = opened()
    event = task.decide(decide(task.id, "pass"), SHANDONG, case, LATER)
    assert task.state is TaskState.DECIDED and task.outcome_name == "审核通过"
    assert (event.effect, event.next_stage, event.revision_due_on) == ("advance", "preliminary_review", None)
    assert event.decided_by == "370100" and event.theme == case.theme
    assert task.events[-1] is event


def test_revise_gives_a_deadline_from_the_stage_due_days() -> None:
    task, case = opened(stage=1)
    event = task.decide(decide(task.id, "needs_improvement"), SHANDONG, case, LATER)
    assert event.effect == "revise" and event.next_stage is None
    assert event.revision_due_on == date(2027, 6, 12)  # 13 May + 30 days


def test_outcome_must_be_one_of_the_stage_outcomes() -> None:
    task, case = opened()
    with pytest.raises(Refused) as err:
        task.decide(decide(task.id, "designate"), SHANDONG, case, LATER)
    [reason] = err.value.reasons
    assert reason.code == "invalid_outcome" and reason.field == "outcome"
    assert "pass（审核通过）" in reason.message_zh and "needs_improvement" in reason.message_zh
    assert "pass (Passed), needs_improvement (Needs improvement)" in reason.message_en
    assert task.state is TaskState.OPEN and len(task.events) == 1


def test_every_missing_field_is_a_reason() -> None:
    task, case = opened()
    with pytest.raises(Refused) as err:
        task.decide(decide(task.id, "nope", reviewer=" ", opinion=""), SHANDONG, case, LATER)
    assert [r.code for r in err.value.reasons] == ["invalid_outcome", "reviewer_missing", "opinion_missing"]


def test_a_decided_task_cannot_be_decided_again() -> None:
    task, case = opened()
    task.decide(decide(task.id, "pass"), SHANDONG, case, LATER)
    with pytest.raises(Conflict) as err:
        task.decide(decide(task.id, "needs_improvement"), SHANDONG, case, LATER)
    assert err.value.reasons[0].code == "already_decided"
    assert "已办结" in err.value.reasons[0].message_zh


def test_outcomes_come_from_the_programme() -> None:
    task, case = opened(THREE_LEVELS, stage=2, applicant="220104")
    assert task.reviewer_jurisdiction == "000000"
    event = task.decide(decide(task.id, "approve"), THREE_LEVELS, case, LATER)
    assert isinstance(event, ReviewStageDecided) and event.effect == "designate"
    with pytest.raises(Refused):
        opened(THREE_LEVELS)[0].decide(decide("x", "pass"), THREE_LEVELS, case, LATER)
