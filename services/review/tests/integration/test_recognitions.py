"""Issue 17.1: a whole top-10 round at the ministry on real PostgreSQL, as the 2014 notice announced it:
"确定南京市民政局……等11项创新经验为“2014年度中国社区治理十大创新成果”,深圳市光明新区……等9项创新经验为
“2014年度中国社区治理十大创新成果”提名成果" (002:10). Selected and nominated are each told what they are;
neither is a zone: no ZoneDesignated, no experiment period."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from services.review.domain.commands import DecideTask, RecordOpinion
from services.review.service_layer import decisions, handlers, task_work
from services.review.tests.integration.conftest import Instance, envelope
from shared import jurisdictions as j
from shared.errors import Quarantined
from shared.events.schemas import ApplicantRef, ApplicationSubmitted, ReviewStageDecided, ZoneRequestFiled
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CATALOGUE = default_catalogue()
TOP10 = CATALOGUE.get("top10-innovation")
Make = Callable[[str], Awaitable[Instance]]

# 002:68–152: the eleven 十大创新成果; 002:160–228: the nine 提名成果 (a street applies under its district).
SELECTED = [
    ("320100", "南京市民政局"), ("440303", "深圳市罗湖区"), ("330102", "杭州市上城区"),
    ("210203", "大连市西岗区"), ("510107", "成都市武侯区"), ("350212", "厦门市同安区"),
    ("370103", "济南市市中区"), ("310110", "上海市杨浦区"), ("120101", "天津市和平区"),
    ("420106", "武汉市武昌区"), ("500108", "重庆市南岸区"),
]  # fmt: skip
NOMINATED = [
    ("440311", "深圳市光明新区"), ("330521", "湖州市德清县"), ("310106", "上海市静安区曹家渡街道"),
    ("110102", "北京市西城区"), ("430111", "长沙市雨花区"), ("150204", "包头市青山区"),
    ("340705", "铜陵市铜官山区"), ("220104", "长春市朝阳区"), ("230100", "哈尔滨市"),
]  # fmt: skip
CRITERIA = ("innovation", "effect", "replicability", "theme_fit")


def dossier(code: str, name: str) -> ApplicationSubmitted:
    return ApplicationSubmitted(
        application_id=str(uuid.uuid4()), reference_no=f"TI-2015-{code}", programme="top10-innovation",
        programme_version=1, applicant=ApplicantRef(code=code, name=name), title=f"{name}社区治理创新",
        theme="“三社联动”机制建设", period_months=0, contact_email=f"cx-{code}@example.gov.cn",
        plan_characters=0, submitted_at=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
    )  # fmt: skip


def recommended(app: ApplicationSubmitted) -> ReviewStageDecided:
    """The applicant's province recommends it (省级推荐), as that province's review publishes it."""
    province = j.ancestor_at(app.applicant.code, j.Level.PROVINCE)
    assert province is not None
    return ReviewStageDecided(
        task_id=str(uuid.uuid4()), application_id=app.application_id, programme=app.programme,
        programme_version=1, stage="provincial_recommendation", stage_name="省级推荐", outcome="recommend",
        outcome_name="同意推荐", effect="advance", next_stage="material_review", decided_by=province,
        reviewer=f"reviewer:{province}:0000", opinion="同意推荐。", applicant=app.applicant, title=app.title,
        theme=app.theme, decided_at=datetime(2027, 4, 1, 2, 0, tzinfo=UTC),
    )  # fmt: skip


async def open_tasks(ministry: Instance, stage: str) -> dict[str, str]:
    """application id → open task id at `stage`."""
    async with ministry.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT application_id, id FROM tasks WHERE state = 'open' AND stage = :s"), {"s": stage}
        )
        return {r[0]: r[1] for r in rows}


async def decide_all(ministry: Instance, stage: str, outcome: str) -> None:
    """Decide every open task of `stage`; the ministry reads its own decisions back from the topic (the
    next stage opens on the echo)."""
    for task_id in (await open_tasks(ministry, stage)).values():
        cmd = DecideTask(task_id=task_id, outcome=outcome, reviewer="司长", opinion="通过。")
        uow = ministry.uow()
        await decisions.handle_decide_task(cmd, uow, CATALOGUE)
        for env in uow.emitted:
            await ministry.deliver(env)


async def outbox(ministry: Instance, where: str = "true") -> list[tuple[str, dict[str, Any]]]:
    async with ministry.engine.connect() as conn:
        sql = f"SELECT event_type, value::jsonb FROM outbox WHERE {where} ORDER BY id"
        return [(r[0], r[1]) for r in await conn.execute(text(sql))]


async def test_a_whole_2014_round_eleven_selected_nine_nominated_none_a_zone(instances: Make) -> None:
    """002:10 确定……等11项创新经验为“2014年度中国社区治理十大创新成果”,……等9项创新经验为……提名成果."""
    assert TOP10 is not None
    ministry = await instances("000000")
    apps = {code: dossier(code, name) for code, name in SELECTED + NOMINATED}
    assert len(apps) == 20
    for app in apps.values():
        await ministry.deliver(envelope(app))
        await ministry.deliver(envelope(recommended(app)))
    assert len(await open_tasks(ministry, "material_review")) == 20  # 第三方机构材料初审
    await decide_all(ministry, "material_review", "pass")

    anonymous = await open_tasks(ministry, "anonymous_review")  # 匿名评审: five experts score each
    assert len(anonymous) == 20
    for n, task_id in enumerate(anonymous.values()):
        experts = [f"专家{i}" for i in range(5)]
        await task_work.change_task(task_id, task_work.assign_experts(experts), ministry.uow(), CATALOGUE)
        for expert in experts:
            scores = dict.fromkeys(CRITERIA, 95.0 - n)
            cmd = RecordOpinion(task_id=task_id, expert=expert, opinion="创新性强。", scores=scores)
            await task_work.change_task(task_id, task_work.record_opinion(cmd), ministry.uow(), CATALOGUE)
    await decide_all(ministry, "anonymous_review", "pass")

    joint = await open_tasks(ministry, "joint_review")  # 联席评审, then 社会公示 of 7 days
    assert len(joint) == 20
    for task_id in joint.values():
        await task_work.change_task(task_id, task_work.open_notice("司长"), ministry.uow(), CATALOGUE)
    ministry.clock.advance(timedelta(days=8))
    await decide_all(ministry, "joint_review", "pass")

    final = await open_tasks(ministry, "announcement")
    assert len(final) == 20
    picks = {
        "selected": [final[apps[code].application_id] for code, _ in SELECTED],
        "nominated": [final[apps[code].application_id] for code, _ in NOMINATED],
    }
    base = DecideTask(task_id="", outcome="", reviewer="部长", opinion="经联席评审和社会公示，确定发布。")
    decided = await decisions.handle_select(
        "top10-innovation", "announcement", picks, "not_selected", base, ministry.uow(), CATALOGUE
    )
    assert len(decided) == 20

    announced = "event_type LIKE '%stage_decided%' AND value::jsonb->>'stage' = 'announcement'"
    rows = await outbox(ministry, f"({announced}) OR event_type LIKE 'zones.zone.%'")
    assert {r[0] for r in rows} == {"zones.review.stage_decided.v1"}  # no zone: not designated
    told = {r[1]["applicant"]["code"]: r[1] for r in rows}
    assert len(told) == 20
    for code, _ in SELECTED:
        assert (told[code]["effect"], told[code]["confers"]) == ("recognise", "中国社区治理十大创新成果")
    for code, _ in NOMINATED:
        assert told[code]["outcome"] == "nominated" and told[code]["effect"] == "recognise"
        assert told[code]["confers"] == "中国社区治理十大创新成果提名成果"
    numbers = {p["document_no"] for p in told.values()}
    assert numbers == {f"民函〔2027〕{n}号" for n in range(1, 21)}  # one 文号 each, none shared
    assert "period_end" not in told["220104"] and "zone_id" not in told["220104"]  # 002:216

    for app in apps.values():
        case = await handlers.get_case(app.application_id, ministry.uow())
        assert case.status.value == "recognised" and case.stage is None
    assert await ministry.scalar("SELECT count(*) FROM tasks WHERE zone_id IS NOT NULL") == 0
    assert await ministry.scalar("SELECT count(*) FROM cases WHERE status = 'recognised'") == 20


async def test_a_rural_self_nomination_is_a_demonstration_unit_without_a_period(instances: Make) -> None:
    """001:499 经评估合格后，即以“全国农村社区建设实验全覆盖示范单位”名义进行宣传推广: a title, no period."""
    ministry = await instances("000000")
    app = dossier("370124", "济南市平阴县").model_copy(
        update={"programme": "rural-full-coverage", "theme": "", "reference_no": "RF-2027-370124"}
    )
    await ministry.deliver(envelope(app))
    [task_id] = (await open_tasks(ministry, "evaluation")).values()
    cmd = DecideTask(task_id=task_id, outcome="qualified", reviewer="处长", opinion="达到创建标准。")
    task = await decisions.handle_decide_task(cmd, ministry.uow(), CATALOGUE)
    assert task.document_no == "民函〔2027〕1号" and task.zone_id is None
    rows = await outbox(ministry)
    assert [r[0].split(".")[-2] for r in rows] == ["task_opened", "stage_decided"]  # no designation
    decided = rows[-1][1]
    assert (decided["effect"], decided["confers"]) == ("recognise", "全国农村社区建设实验全覆盖示范单位")
    case = await handlers.get_case(app.application_id, ministry.uow())
    assert case.status.value == "recognised"


def proposal(authority: str = "000000", filed_by: str = "370000") -> ZoneRequestFiled:
    """A liaison level's proposal to withdraw a unit's title, as monitoring publishes it."""
    return ZoneRequestFiled(
        request_id="r-425", zone_id="u-1", application_id="u-1", programme="harmonious-demo-liaison",
        programme_version=1, applicant=ApplicantRef(code="370103", name="济南市市中区大观园街道"),
        kind="revocation", title="全国和谐社区建设示范街道", summary="经2次督促仍未报送。建议取消。",
        authority=authority, filed_by=filed_by, filed_at=datetime(2028, 1, 13, 2, 0, tzinfo=UTC),
    )  # fmt: skip


async def test_a_units_title_is_withdrawn_by_the_ministry_on_the_liaisons_proposal(instances: Make) -> None:
    """001:425 建议取消示范单位称号 (the liaison proposes); 001:385 民政部命名表彰 (the ministry decides)."""
    ministry, shandong = await instances("000000"), await instances("370000")
    for inst in (ministry, shandong):
        await inst.deliver(envelope(proposal(), "/jurisdictions/370000/monitoring"))
    assert await shandong.scalar("SELECT count(*) FROM tasks") == 0  # the liaison only proposed it
    [task_id] = (await open_tasks(ministry, "request:revocation")).values()
    task, _ = await handlers.get_task(task_id, ministry.uow())
    assert task.stage_name == "取消示范单位称号建议"
    cmd = DecideTask(task_id=task_id, outcome="revoked", reviewer="司长", opinion="同意取消。")
    await decisions.handle_decide_task(cmd, ministry.uow(), CATALOGUE)
    [(_, decided)] = await outbox(ministry, "event_type LIKE '%request_decided%'")
    assert (decided["decided_by"], decided["outcome"], decided["filed_by"]) == ("000000", "revoked", "370000")
    task, _ = await handlers.get_task(task_id, ministry.uow())
    assert task.outcome_name == "取消示范单位称号"

    # Claimed for the liaison itself (by its own monitoring's word): the province holds no such title.
    forged = proposal(authority="370000")
    env = envelope(forged, "/jurisdictions/370000/monitoring")
    with pytest.raises(Quarantined) as why:
        await handlers.handle_zone_request_filed(forged, shandong.uow(env), CATALOGUE, "370000", 30)
    assert [r.code for r in why.value.reasons] == ["not_title_holder"]
    assert await shandong.scalar("SELECT count(*) FROM tasks") == 0
