"""Queue work on a task: claim, assign, release; experts; the public notice and its objections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.review.domain import work
from services.review.domain.case import Case
from services.review.domain.commands import RecordOpinion
from services.review.domain.task import ReviewTask
from services.review.tests.samples import decide, submitted
from shared.errors import Conflict, Forbidden, Refused
from shared.programmes.loader import default_catalogue

CATALOGUE = default_catalogue()
TOP10 = CATALOGUE.get("top10-innovation", 1)
SHANDONG = CATALOGUE.get("shandong-zones", 1)
NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)


def task_at(programme_key: str, stage_key: str, applicant: str = "370103") -> tuple[ReviewTask, Case]:
    programme = CATALOGUE.get(programme_key, 1)
    assert programme is not None
    stage = programme.stage(stage_key)
    assert stage is not None
    case = Case.from_submitted(submitted(applicant, programme=programme_key), stage_key)
    return ReviewTask.open(case, programme, stage, "000000", NOW), case


def test_claim_assign_reassign_release() -> None:
    task, _ = task_at("shandong-zones", "preliminary_review")
    work.claim(task, "张华")
    work.claim(task, "张华")  # claiming again is harmless
    with pytest.raises(Conflict) as taken:
        work.claim(task, "李明")
    assert taken.value.reasons[0].code == "already_claimed"
    work.assign(task, "李明")
    assert task.assignee == "李明"
    work.release(task)
    assert task.assignee is None


def test_only_assigned_experts_give_opinions_and_scores() -> None:
    task, _ = task_at("shandong-zones", "evaluation")
    stage = SHANDONG.stage("evaluation")  # type: ignore[union-attr]
    assert stage is not None
    work.assign_experts(task, stage, ["甲", "乙", "甲"], NOW)
    assert [p.expert for p in task.panel] == ["甲", "乙"]
    with pytest.raises(Forbidden):
        work.record_opinion(task, stage, RecordOpinion(task.id, "丙", "好"), NOW)
    with pytest.raises(Refused) as bad:
        work.record_opinion(task, stage, RecordOpinion(task.id, "甲", "好", {"foundation": 80}), NOW)
    assert {r.code for r in bad.value.reasons} == {"score_missing"}
    scores: dict[str, float] = {
        k: 80 for k in ("foundation", "theme", "plan", "safeguards", "prefecture_support")
    }
    seat = work.record_opinion(task, stage, RecordOpinion(task.id, "甲", "基础扎实", scores), NOW)
    assert seat.total == 80.0


def test_a_reviewer_stage_takes_no_experts() -> None:
    task, _ = task_at("shandong-zones", "prefecture_review")
    stage = SHANDONG.stage("prefecture_review")  # type: ignore[union-attr]
    assert stage is not None
    with pytest.raises(Refused) as refused:
        work.assign_experts(task, stage, ["甲"], NOW)
    assert refused.value.reasons[0].code == "no_experts_in_stage"


def test_a_public_notice_holds_the_stage_until_objections_are_resolved() -> None:
    task, case = task_at("top10-innovation", "joint_review")
    assert TOP10 is not None
    stage = TOP10.stage("joint_review")
    assert stage is not None
    with pytest.raises(Refused) as early:
        task.decide(decide(task.id, "pass"), TOP10, case, NOW)
    assert [r.code for r in early.value.reasons] == ["notice_not_held"]
    notice = work.open_notice(task, stage, "民政部 王", NOW)
    assert notice.closes_at == NOW + timedelta(days=7)
    objection = notice.object("某居民", "材料数据与实际不符", NOW + timedelta(days=1))
    later = NOW + timedelta(days=8)
    with pytest.raises(Conflict):
        notice.object("又一人", "迟到的异议", later)
    with pytest.raises(Refused) as waiting:
        task.decide(decide(task.id, "pass"), TOP10, case, later)
    assert [r.code for r in waiting.value.reasons] == ["objections_unresolved"]
    notice.resolve(objection.id, "dismissed", "经核实数据属实", "民政部 王", later)
    decided = task.decide(decide(task.id, "pass"), TOP10, case, later)
    assert decided.next_stage == "announcement"
