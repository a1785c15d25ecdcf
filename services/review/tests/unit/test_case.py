"""The case: history across levels, applied once per decision; designation."""

from __future__ import annotations

from datetime import date, timedelta

from services.review.domain.case import Case, CaseStatus
from services.review.domain.task import ReviewTask
from services.review.tests.samples import SUBMITTED_AT, decide, submitted
from services.review.tests.unit.programmes import SHANDONG
from shared.events.schemas import Advice, ZoneDesignated


def test_a_decision_is_recorded_once_and_moves_the_stage() -> None:
    case = Case.from_submitted(submitted(), "prefecture_review")
    task = ReviewTask.open(case, SHANDONG, SHANDONG.route[0], "370100", SUBMITTED_AT)
    event = task.decide(decide(task.id), SHANDONG, case, SUBMITTED_AT + timedelta(days=1))
    assert case.record_decision(event) is True
    assert case.record_decision(event) is False  # my own event coming back from the topic
    assert [h.what for h in case.history] == ["submitted", "prefecture_review:pass"]
    # the name stays with this instance's task; the event and the shared history carry a reference
    ref = f"reviewer:370100:{task.id.replace('-', '')[:8]}"
    assert (task.reviewer, event.reviewer) == ("李科长", ref)
    assert case.stage == "preliminary_review" and case.history[-1].reviewer == ref


def test_a_name_from_a_producer_not_yet_upgraded_is_not_kept() -> None:
    case = Case.from_submitted(submitted(), "prefecture_review")
    task = ReviewTask.open(case, SHANDONG, SHANDONG.route[0], "370100", SUBMITTED_AT)
    event = task.decide(decide(task.id), SHANDONG, case, SUBMITTED_AT + timedelta(days=1))
    assert case.record_decision(event.model_copy(update={"reviewer": "李科长"}))
    assert case.history[-1].reviewer == event.reviewer


def test_revise_and_resubmission() -> None:
    case = Case.from_submitted(submitted(), "preliminary_review")
    task = ReviewTask.open(case, SHANDONG, SHANDONG.route[1], "370000", SUBMITTED_AT)
    case.record_decision(task.decide(decide(task.id, "needs_improvement"), SHANDONG, case, SUBMITTED_AT))
    assert case.status is CaseStatus.REVISION_REQUESTED and case.stage == "preliminary_review"
    again = submitted(application_id=case.application_id, revision=1)
    assert case.is_newer_submission(again) and not case.is_newer_submission(submitted(revision=0))
    case.record_resubmission(again)
    assert case.status is CaseStatus.UNDER_REVIEW and case.revision == 1


def test_designation_raises_zone_designated() -> None:
    case = Case.from_submitted(submitted(), "evaluation")
    event = case.designate(
        by="370000",
        document_no="鲁民函〔2027〕1号",
        at=SUBMITTED_AT,
        period_start=date(2027, 5, 10),
        period_end=date(2029, 5, 9),
    )
    assert isinstance(event, ZoneDesignated) and case.events == [event]
    assert event.applicant.code == "370103" and event.designated_by == "370000"
    assert case.history[-1].what == "designated" and case.history[-1].detail == "鲁民函〔2027〕1号"


def test_advice_from_intake_joins_the_case_history_for_the_evaluators() -> None:
    """001:485 一般不超过2-3公里: a norm the figures go beyond is shown to the evaluators, not refused."""
    advice = Advice(code="beyond_guidance", message_zh="超过一般不超过3km", message_en="beyond 3km")
    case = Case.from_submitted(submitted(advisories=[advice]), "prefecture_review")
    assert [h.what for h in case.history] == ["submitted", "advisory:beyond_guidance"]
    assert case.history[1].detail == "超过一般不超过3km / beyond 3km"
    case.record_resubmission(submitted(application_id=case.application_id, revision=1))
    assert [h.what for h in case.history][-1] == "resubmitted"  # none this time
