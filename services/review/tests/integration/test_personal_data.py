"""Issue 7: the names of reviewers and experts given to a review instance stay in its database; the
events other jurisdictions read name them by reference only."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from services.review.domain.commands import RecordOpinion
from services.review.service_layer import handlers, task_work
from services.review.service_layer.alerts import send_due_alerts
from services.review.tests.integration.conftest import Instance, envelope
from services.review.tests.integration.test_review_flow import CATALOGUE, Make, decide_at, open_task_id
from services.review.tests.samples import decide, submitted
from shared.events.schemas import ApplicantRef, ZoneRequestFiled
from tests.support.outbox import outbox_text

pytestmark = pytest.mark.integration
EXPERTS = ["王振华", "陈静怡", "刘建国"]
PEOPLE = ["李科长", "张华", "赵强", *EXPERTS]
SCORES = {k: 80.0 for k in ("foundation", "theme", "plan", "safeguards", "prefecture_support")}


async def sent(inst: Instance) -> str:
    async with (uow := inst.uow()):
        return await outbox_text(uow.session)


async def test_reviewers_and_experts_are_named_only_where_they_work(instances: Make) -> None:
    jinan, shandong = await instances("370100"), await instances("370000")
    app = submitted()
    for inst in (jinan, shandong):
        await inst.deliver(envelope(app))
    for owner, stage, outcome in [
        (jinan, "prefecture_review", "pass"),
        (shandong, "preliminary_review", "pass"),
        (jinan, "formal_recommendation", "recommend"),
    ]:
        [decided] = await decide_at(owner, stage, outcome)  # by 李科长
        for inst in (jinan, shandong):
            await inst.deliver(decided)
    task_id = await open_task_id(shandong, "evaluation")
    await task_work.change_task(task_id, task_work.claim("张华"), shandong.uow(), CATALOGUE)
    await task_work.change_task(task_id, task_work.assign_experts(EXPERTS), shandong.uow(), CATALOGUE)
    for expert in EXPERTS:
        cmd = RecordOpinion(task_id, expert, "方案可行，但保障措施不足。", SCORES)
        await task_work.change_task(task_id, task_work.record_opinion(cmd), shandong.uow(), CATALOGUE)
    due = date.fromisoformat(str(await shandong.scalar(f"SELECT due_on FROM tasks WHERE id = '{task_id}'")))
    shandong.clock.at = shandong.clock.at.replace(year=due.year, month=due.month, day=due.day) + timedelta(1)
    assert await send_due_alerts(shandong.uow, CATALOGUE, soon_days=3) == 1  # overdue, 张华 holding it
    [decided] = await decide_at(shandong, "evaluation", "not_designated", reviewer="赵强", opinion="未通过。")
    await jinan.deliver(decided)

    ref = f"reviewer:370000:{task_id.replace('-', '')[:8]}"
    assert decided.data["reviewer"] == ref
    for inst in (jinan, shandong):
        text = await sent(inst)
        assert "stage_decided" in text and not [p for p in PEOPLE if p in text]
    assert '"assignee": "' + ref in await sent(shandong)
    # the names stay in the instance they were given to
    assert (
        await shandong.scalar(f"SELECT reviewer || assignee FROM tasks WHERE id = '{task_id}'") == "赵强张华"
    )
    case = await handlers.get_case(app.application_id, jinan.uow())
    assert case.history[-1].reviewer == ref


async def test_a_request_decided_names_its_reviewer_by_reference(instances: Make) -> None:
    shandong = await instances("370000")
    unit = ApplicantRef(code="370103", name="济南市市中区")
    filed = ZoneRequestFiled(
        request_id=str(uuid.uuid4()), zone_id=str(uuid.uuid4()), application_id=str(uuid.uuid4()),
        programme="shandong-zones", programme_version=1, applicant=unit,
        kind="termination", title="智慧社区", summary="因机构调整申请中止", authority="370000",
        filed_by="370103", filed_at=shandong.clock.now(),
    )  # fmt: skip
    await shandong.deliver(envelope(filed, "/jurisdictions/000000/monitoring"))
    task_id = await open_task_id(shandong, "request:termination")
    uow = shandong.uow()
    await handlers.handle_decide_task(decide(task_id, "approved", reviewer="赵强"), uow, CATALOGUE)
    [decided] = uow.emitted
    assert decided.data["reviewer"] == f"reviewer:370000:{filed.request_id.replace('-', '')[:8]}"
    assert "赵强" not in await sent(shandong)
    assert await shandong.scalar(f"SELECT reviewer FROM tasks WHERE id = '{task_id}'") == "赵强"
