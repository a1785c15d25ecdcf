"""What an expert is shown of a task in an anonymous stage: the redacted dossier, by task id only."""

from __future__ import annotations

from services.review.entrypoints.task_schemas import CaseOut, TaskOut
from services.review.tests.unit.programmes import SHANDONG
from services.review.tests.unit.test_task import opened


def test_an_expert_in_an_anonymous_stage_gets_no_application_id_name_or_code() -> None:
    task, case = opened()
    task.anonymous = True
    shown = TaskOut.of(task, SHANDONG, expert="专家1")
    dossier = CaseOut.of(case, anonymous=True, for_expert=True)
    text = shown.model_dump_json() + dossier.model_dump_json()
    for secret in (task.application_id, "370103", "济南市市中区", "市中区", case.reference_no):
        assert secret not in text, secret
    assert shown.id == task.id and shown.application_id == dossier.application_id == ""
    assert dossier.applicant_name.startswith("匿名申报单位")


def test_a_reviewer_keeps_the_application_id_and_an_open_stage_hides_nothing() -> None:
    task, case = opened()
    task.anonymous = True
    assert TaskOut.of(task, SHANDONG).application_id == task.application_id  # the reviewer works by it
    assert CaseOut.of(case, anonymous=True).application_id == case.application_id
    task.anonymous = False
    assert TaskOut.of(task, SHANDONG, expert="专家1").application_id == task.application_id
