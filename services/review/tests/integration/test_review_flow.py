"""Review's handlers against real PostgreSQL: cases, tasks, decisions and the outbox, per jurisdiction."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from services.review.service_layer import handlers
from services.review.service_layer.formal_submissions import handle_file_form
from services.review.tests.integration.conftest import Instance, envelope
from services.review.tests.samples import APPLICANT_FORM, decide, submitted
from shared.errors import Conflict, NotFound
from shared.events.envelope import Envelope
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
Make = Callable[[str], Awaitable[Instance]]


async def open_task_id(inst: Instance, stage: str) -> str:
    return str(await inst.scalar(f"SELECT id FROM tasks WHERE state = 'open' AND stage = '{stage}'"))


async def decide_at(inst: Instance, stage: str, outcome: str, **over: str) -> list[Envelope]:
    if outcome == "recommend":  # 003:35: the county's 申报表 reaches the prefecture first
        app_id = str(
            await inst.scalar(f"SELECT application_id FROM tasks WHERE state = 'open' AND stage = '{stage}'")
        )
        await handle_file_form(app_id, None, APPLICANT_FORM, inst.uow(), CATALOGUE, inst.me)
    uow = inst.uow()
    await handlers.handle_decide_task(
        decide(await open_task_id(inst, stage), outcome, **over), uow, CATALOGUE
    )
    return uow.emitted


async def test_submission_opens_a_task_for_the_prefecture_not_the_province(instances: Make) -> None:
    jinan, shandong = await instances("370100"), await instances("370000")
    env = envelope(submitted())
    for inst in (jinan, shandong, jinan):  # the last one is a redelivery
        await inst.deliver(env)
    assert await jinan.scalar("SELECT count(*) FROM tasks WHERE stage = 'prefecture_review'") == 1
    assert await jinan.outbox_types() == ["task_opened"]
    assert await shandong.scalar("SELECT count(*) FROM cases") == 1
    assert await shandong.scalar("SELECT count(*) FROM tasks") == 0
    assert await shandong.outbox_types() == []


async def test_submission_outside_the_territory_is_ignored(instances: Make) -> None:
    qingdao = await instances("370200")
    await qingdao.deliver(envelope(submitted()))
    assert await qingdao.scalar("SELECT count(*) FROM cases") == 0
    assert await qingdao.scalar("SELECT count(*) FROM inbox") == 0


async def test_prefecture_pass_opens_preliminary_review_at_the_province(instances: Make) -> None:
    jinan, shandong = await instances("370100"), await instances("370000")
    app = submitted()
    for inst in (jinan, shandong):
        await inst.deliver(envelope(app))
    [decided] = await decide_at(jinan, "prefecture_review", "pass")
    for inst in (jinan, shandong):  # jinan reads its own decision back from the topic
        await inst.deliver(decided)
    assert await shandong.scalar("SELECT stage FROM tasks WHERE state = 'open'") == "preliminary_review"
    assert await shandong.outbox_types() == ["task_opened"]
    assert await jinan.outbox_types() == ["task_opened", "stage_decided"]
    for inst in (jinan, shandong):
        case = await handlers.get_case(app.application_id, inst.uow())
        assert [h.what for h in case.history] == ["submitted", "prefecture_review:pass"]
        assert case.stage == "preliminary_review"
    task, found = await handlers.get_task(await open_task_id(shandong, "preliminary_review"), shandong.uow())
    assert found is not None
    case = found
    assert task.due_on.isoformat() == "2027-06-19" and case.history[-1].by == "370100"


async def test_decision_on_a_decided_task_is_a_conflict(instances: Make) -> None:
    jinan = await instances("370100")
    await jinan.deliver(envelope(submitted()))
    task_id = await open_task_id(jinan, "prefecture_review")
    await handlers.handle_decide_task(decide(task_id, "pass"), jinan.uow(), CATALOGUE)
    with pytest.raises(Conflict):
        await handlers.handle_decide_task(decide(task_id, "needs_improvement"), jinan.uow(), CATALOGUE)
    with pytest.raises(NotFound):
        await handlers.handle_decide_task(decide("no-such-task"), jinan.uow(), CATALOGUE)
    assert await jinan.outbox_types() == ["task_opened", "stage_decided"]


async def test_two_reviewers_at_once_exactly_one_wins(instances: Make) -> None:
    jinan = await instances("370100")
    await jinan.deliver(envelope(submitted()))
    task_id = await open_task_id(jinan, "prefecture_review")
    await jinan.warm_pool()
    results = await asyncio.gather(
        handlers.handle_decide_task(decide(task_id, "pass", reviewer="甲"), jinan.uow(), CATALOGUE),
        handlers.handle_decide_task(
            decide(task_id, "needs_improvement", reviewer="乙"), jinan.uow(), CATALOGUE
        ),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "ReviewTask"]
    assert await jinan.outbox_types() == ["task_opened", "stage_decided"]
    history = await jinan.scalar("SELECT jsonb_array_length(history) FROM cases")
    assert history == 2


async def test_designation_emits_both_events_and_numbers_documents(instances: Make) -> None:
    jinan, shandong = await instances("370100"), await instances("370000")
    numbers = []
    for _ in range(2):
        app = submitted()
        for inst in (jinan, shandong):
            await inst.deliver(envelope(app))
        for owner, stage, outcome in [
            (jinan, "prefecture_review", "pass"),
            (shandong, "preliminary_review", "pass"),
            (jinan, "formal_recommendation", "recommend"),
        ]:
            [decided] = await decide_at(owner, stage, outcome)
            for inst in (jinan, shandong):
                await inst.deliver(decided)
        decided, zone = await decide_at(shandong, "evaluation", "designate")
        assert (decided.type, zone.type) == ("zones.review.stage_decided.v1", "zones.zone.designated.v1")
        numbers.append(zone.data["document_no"])
        assert (zone.data["period_start"], zone.data["period_end"]) == ("2027-05-20", "2029-05-19")
    assert numbers == ["鲁民函〔2027〕1号", "鲁民函〔2027〕2号"]
    assert (await shandong.outbox_types())[-2:] == ["stage_decided", "designated"]
    assert await shandong.scalar("SELECT count(*) FROM tasks WHERE zone_id IS NOT NULL") == 2
