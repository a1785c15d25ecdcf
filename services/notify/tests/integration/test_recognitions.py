"""Issue 17.1–3: a recognition is told as what the notice says it is, never as an experimental zone.
002:10 "……等9项创新经验为“2014年度中国社区治理十大创新成果”提名成果"; 002:216 社区协商“4335”模式
(吉林省长春市朝阳区区委、区政府) is one of the nine; 001:499 "即以“全国农村社区建设实验全覆盖示范单位”
名义进行宣传推广"; a unit's title withdrawn by the ministry on the liaison's proposal (001:425, 001:385)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain.notices import notice_for
from services.notify.tests import samples as ev
from services.notify.tests.integration.conftest import UowFactory, record
from shared.events.schemas import ApplicantRef, ReviewStageDecided, ZoneRequestDecided, ZoneRequestFiled
from shared.messaging.consumer import EventConsumer
from shared.programmes.loader import default_catalogue

pytestmark = pytest.mark.integration
CHAOYANG = ApplicantRef(code="220104", name="长春市朝阳区")
PINGYIN = ApplicantRef(code="370124", name="济南市平阴县")
APP = "0b6f1f5e-1111-4c3a-9d2e-00000000c216"
RURAL = "0b6f1f5e-1111-4c3a-9d2e-00000000r499"
# What the project used to tell a nominated achievement, and what no achievement or title may be told.
UNTRUE = ("认定为中国社区治理十大创新成果", "已认定为实验区", "实验周期", "实验区认定", "报送的材料")


def recognised(app_id: str, applicant: ApplicantRef, programme: str, **over: Any) -> ReviewStageDecided:
    """The announcement as the ministry's review publishes it (effect recognise: no zone follows)."""
    data: dict[str, Any] = dict(
        task_id=f"t-{app_id[-4:]}", application_id=app_id, programme=programme, programme_version=1,
        stage="announcement", stage_name="确定并发布", outcome="nominated", outcome_name="提名成果",
        effect="recognise", decided_by="000000", reviewer="reviewer:000000:0b6f1f5e",
        opinion="经联席评审和社会公示，确定发布。", applicant=applicant, title="社区协商“4335”模式",
        theme="“三社联动”机制建设", decided_at=datetime(2027, 4, 28, 2, 0, tzinfo=UTC),
        confers="中国社区治理十大创新成果提名成果", document_no="民函〔2027〕20号",
    )  # fmt: skip
    return ReviewStageDecided(**{**data, **over})


def rural() -> ReviewStageDecided:
    return recognised(
        RURAL, PINGYIN, "rural-full-coverage", stage="evaluation", stage_name="民政部评估",
        outcome="qualified", outcome_name="评估合格，宣传推广", title="平阴县农村社区建设实验全覆盖",
        theme="", confers="全国农村社区建设实验全覆盖示范单位", document_no="民函〔2027〕21号",
    )  # fmt: skip


async def test_a_nominated_achievement_and_a_rural_title_are_told_what_they_are(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    """002:10, 002:216, 001:499: told 提名成果 / 示范单位 with the document number; nothing of a zone."""
    submitted = ev.submitted(
        application_id=APP, reference_no="TI-2027-220104", programme="top10-innovation",
        applicant=CHAOYANG, title="社区协商“4335”模式", theme="“三社联动”机制建设", period_months=0,
        guidance_expert=None, contact_email="cx@cycq.gov.cn",
    )  # fmt: skip
    nominated = recognised(APP, CHAOYANG, "top10-innovation")
    rural_submitted = ev.submitted(
        application_id=RURAL, reference_no="RF-2027-370124", programme="rural-full-coverage",
        applicant=PINGYIN, title="平阴县农村社区建设实验全覆盖", theme="", period_months=0,
        guidance_expert=None, contact_email="mz@pingyin.gov.cn",
    )  # fmt: skip
    for offset, event in enumerate((submitted, nominated, rural_submitted, rural())):
        await consumer.handle_record(record(ev.envelope(event), offset))
    uow = uow_factory()
    async with uow:
        achievement = await uow.in_app_messages.list("applicant:220104")
        unit = await uow.in_app_messages.list("applicant:370124")
    told = {m.event_type: m for m in achievement}
    decided = told["zones.review.stage_decided.v1"]
    assert decided.subject == "【结果通知】“社区协商“4335”模式”确定为“中国社区治理十大创新成果提名成果”"
    assert "贵单位的“社区协商“4335”模式”为“中国社区治理十大创新成果提名成果”" in decided.body
    assert "文号：民函〔2027〕20号" in decided.body and "TI-2027-220104" in decided.body
    [title] = [m for m in unit if m.event_type == "zones.review.stage_decided.v1"]
    assert "为“全国农村社区建设实验全覆盖示范单位”" in title.body and "民函〔2027〕21号" in title.body
    assert "zones.zone.designated.v1" not in told and len(achievement) == 2 and len(unit) == 2
    for message in (decided, title):
        for untrue in UNTRUE:
            assert untrue not in message.subject + message.body, untrue


def test_the_english_notices_say_the_same() -> None:
    """002:10 提名成果 and 001:499 示范单位 in English, from the programmes' own names."""
    renderer, catalogue = TemplateRenderer(), default_catalogue()
    cases = [
        (recognised(APP, CHAOYANG, "top10-innovation"), "Nominated achievement of China's top-10"),
        (rural(), "National rural community full-coverage demonstration unit"),
    ]
    for event, name in cases:
        notice = notice_for("e-1", event, None, catalogue.get(event.programme, 1))
        reader = {"recipient_name": "长春市朝阳区", "audience": "applicant", "category": "decision"}
        facts = {**notice.facts, **reader}
        message = renderer.render(event.type, "en", facts)
        assert name in message.subject and name in message.body and "民函〔2027〕2" in message.body
        for untrue in ("an experimental zone", "was designated", "Experiment period"):
            assert untrue not in message.subject + message.body, untrue


async def test_a_units_title_withdrawal_is_told_as_a_proposal_the_ministry_decides(
    consumer: EventConsumer, uow_factory: UowFactory
) -> None:
    """001:425 (the liaison) 建议取消示范单位称号; 001:385 the ministry conferred it and decides."""
    unit = ev.unit_registered()
    about = dict(
        zone_id=unit.unit_id, application_id=unit.unit_id, programme="harmonious-demo-liaison",
        programme_version=1, applicant=ApplicantRef(code="370103", name=unit.unit_name), kind="revocation",
    )  # fmt: skip
    proposed = ZoneRequestFiled(
        **about, request_id="r-425", title=unit.unit_type_name, authority="000000", filed_by="370000",
        summary="济南市市中区大观园街道经2次督促仍未报送。建议取消示范单位称号。",
        filed_at=datetime(2028, 1, 13, 2, 0, tzinfo=UTC),
    )  # fmt: skip
    withdrawn = ZoneRequestDecided(
        **about, request_id="r-425", outcome="revoked", decided_by="000000", reviewer="reviewer:000000:r425",
        opinion="同意取消。", filed_by="370000", decided_at=datetime(2028, 2, 1, 2, 0, tzinfo=UTC),
    )  # fmt: skip
    for offset, event in enumerate((unit, proposed, withdrawn)):
        await consumer.handle_record(record(ev.envelope(event), offset))
    uow = uow_factory()
    async with uow:
        told = {m.event_type: m for m in await uow.in_app_messages.list("applicant:370103")}
    filed, decided = told["zones.zone.request_filed.v1"], told["zones.zone.request_decided.v1"]
    assert filed.subject.startswith("【取消称号建议】")
    assert "山东省已于2028年1月13日建议取消贵单位“全国和谐社区建设示范街道”称号" in filed.body
    assert "是否取消由命名单位民政部决定" in filed.body and "决定单位：民政部" in filed.body
    assert decided.subject.startswith("【称号取消】") and "取消示范单位称号" in decided.subject
    assert "山东省关于取消贵单位" in decided.body and "经民政部审议" in decided.body
    for message in (filed, decided):
        assert "撤销认定" not in message.body and "实验区" not in message.subject
