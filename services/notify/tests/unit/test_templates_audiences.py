"""Rendering for people other than the applicant, the generic template, and the digest, in both languages."""

from __future__ import annotations

from datetime import date

from services.notify.adapters.templates import TemplateRenderer
from services.notify.domain.audience import default_targets
from services.notify.domain.digest import DIGEST_TYPE, digest_notice
from services.notify.domain.notices import notice_for
from services.notify.tests import samples as ev
from shared.events.registry import Event
from shared.programmes.loader import default_catalogue

RENDERER = TemplateRenderer()
PROGRAMME = default_catalogue().get("shandong-zones")


def facts(event: Event, **extra: object) -> dict[str, object]:
    return {**notice_for("e-1", event, None, PROGRAMME).facts, **extra}


def test_the_level_above_is_told_of_a_submission_not_addressed_as_the_applicant() -> None:
    f = facts(ev.submitted(), audience="supervisor", recipient_name="济南市")
    zh = RENDERER.render(ev.submitted().type, "zh-CN", f)
    assert zh.subject.startswith("【申报报送】济南市市中区：") and zh.body.startswith("济南市：")
    assert "贵单位" not in zh.body and "2027年6月1日提交受理" in zh.body
    en = RENDERER.render(ev.submitted().type, "en", f)
    assert en.subject.startswith("[Application submitted]") and "submitted an application" in en.body


def test_a_designation_for_the_level_above_and_a_decision_for_a_subscriber() -> None:
    zh = RENDERER.render(ev.designated().type, "zh-CN", facts(ev.designated(), audience="supervisor",
                                                               recipient_name="济南市"))  # fmt: skip
    assert "济南市市中区申报的" in zh.body and "须事先报经" not in zh.body
    decided = RENDERER.render(ev.decided().type, "en", facts(ev.decided(), audience="subscriber",
                                                              recipient_name="Li"))  # fmt: skip
    assert decided.body.startswith("To Li,") and "Please revise" not in decided.body


def test_an_event_without_its_own_template_uses_the_generic_one_with_its_category() -> None:
    data = {"application_id": "a", "applicant_name": "济南市市中区", "title": "实验", "reference_no": None,
            "date": "2027-06-30"}  # fmt: skip
    unknown = "zones.report.overdue.v1"  # a type a later service might add, before its template exists
    zh = RENDERER.render(unknown, "zh-CN", data)
    assert zh.subject == "【逾期提醒】济南市市中区：实验（2027年6月30日）"
    en = RENDERER.render(unknown, "en", data)
    assert en.subject == "[Overdue] 济南市市中区: 实验 (30 June 2027)"


def test_the_digest_lists_each_item_in_chinese_and_english() -> None:
    items = [
        {"subject": "【申报受理】甲", "event_type": "x", "created_at": "2027-06-01T02:00:00+00:00"},
        {"subject": "【报送事项】乙", "event_type": "y", "created_at": "2027-06-01T03:00:00+00:00"},
    ]
    notice = digest_notice(date(2027, 6, 2), "济南市市中区", items)
    zh = RENDERER.render(DIGEST_TYPE, "zh-CN", notice.facts)
    assert zh.subject == "【每日汇总】2027年6月2日，共2条通知"
    assert "1. 【申报受理】甲（2027年6月1日）" in zh.body and "2. 【报送事项】乙" in zh.body
    en = RENDERER.render(DIGEST_TYPE, "en", notice.facts)
    assert en.subject == "[Daily digest] 2 June 2027: 2 notifications"


def test_needs_improvement_reaches_the_prefecture_which_is_asked_to_guide_the_revision() -> None:
    """003:33 "省民政厅汇总专家意见反馈市级民政部门，市级民政部门指导申报单位进行修改"."""
    event = ev.decided().model_copy(
        update={"stage": "preliminary_review", "stage_name": "省级专家初审", "decided_by": "370000",
                "feedback_to": "370100"}
    )  # fmt: skip
    targets = default_targets(event.type, event.model_dump(mode="json"), None)
    assert [(t.role.value, t.code) for t in targets] == [("reviewer", "370100"), ("applicant", "370103")]
    plain = ev.decided().model_copy(update={"stage": "preliminary_review", "decided_by": "370000"})
    assert [t.code for t in default_targets(plain.type, plain.model_dump(mode="json"), None)] == ["370103"]
    zh = RENDERER.render(event.type, "zh-CN", facts(event, audience="reviewer", recipient_name="济南市"))
    assert "反馈济南市：请指导申报单位修改完善实验方案" in zh.body and "2027年7月1日前" in zh.body
    en = RENDERER.render(event.type, "en", facts(event, audience="reviewer", recipient_name="Jinan"))
    assert "please guide the applicant's revision" in en.body
    to_applicant = RENDERER.render(
        event.type, "zh-CN", facts(event, audience="applicant", recipient_name="市中区")
    )
    assert "意见已同时反馈济南市，由其指导修改" in to_applicant.body
