"""Every lifecycle event a person is told of has its own template, in Chinese and English: a specific
subject, the facts that matter (dates as each reader writes them, days left, the opinion, a new end
date), never a person reference, never a placeholder left unfilled."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import shared.events.schemas  # noqa: F401  (registers every event type)
from services.notify.adapters.templates import TEMPLATES, TemplateRenderer
from services.notify.domain.model import ApplicationView, RenderedMessage
from services.notify.domain.notices import notice_for
from services.notify.tests import samples as ev
from shared.events.registry import EVENT_TYPES, Event
from shared.programmes.loader import default_catalogue

RENDERER = TemplateRenderer()
CATALOGUE = default_catalogue()
VIEW = ApplicationView(ev.APP_ID, "shandong-zones", "370103", "济南市市中区", "sq@jnsz.gov.cn", ev.TITLE,
                       "SZ-2027-370103-01")  # fmt: skip
TO_OPS = {"zones.notification.failed.v1"}  # goes to operations, on the generic template


def render(event: Event, language: str, audience: str = "applicant", view: ApplicationView | None = VIEW
           ) -> RenderedMessage:  # fmt: skip
    facts = notice_for("event-1", event, view, CATALOGUE.get(getattr(event, "programme", ""))).facts
    if audience != "applicant":
        facts = {**facts, "audience": audience, "recipient_name": "济南市"}
    return RENDERER.render(event.type, language, facts)


# event; the subject's start and facts of the body in Chinese; the same in English
CASES: list[tuple[Callable[[], Event], str, list[str], str, list[str]]] = [
    (lambda: ev.due_soon(7),
     "【报送提醒】2027年度实验总结还有7天截止", ["2027年12月31日前报送", "还有7天"],
     "[Due soon] Annual summary due in 7 days", ["by 31 December 2027", "7 days from now"]),
    (lambda: ev.due_soon(0),
     "【报送提醒】2027年度实验总结今日截止", ["今天是截止日"],
     "[Due today]", ["that is today"]),
    (lambda: ev.due_soon(30, by_owner=True),
     "【办理提醒】济南市市中区：验收评审还有30天", ["须由山东省于2029年11月29日前办理"],
     "[Action due]", ["山东省 to carry out by 29 November 2029"]),
    (ev.overdue,
     "【逾期提醒】2027年度实验总结逾期未报送", ["自2028年1月1日起已逾期", "如至2028年1月15日"],
     "[Overdue] Annual summary not filed", ["overdue since 1 January 2028", "by 15 January 2028"]),
    (ev.filed,
     "【报送回执】2027年度实验总结", ["已于2027年12月20日报送", "社区综合服务设施覆盖率：92.5%"],
     "[Filing received]", ["filed on 20 December 2027", "Community service facility coverage: 92.5%"]),
    (ev.filing_reviewed,
     "【报送审核】2027年度实验总结：退回修改", ["总结缺少志愿服务数据", "2028年1月5日"],
     "[Filing reviewed] Annual summary: Returned for rework", ["总结缺少志愿服务数据", "file it again"]),
    (ev.warned,
     "【督促通知】2027年度实验总结逾期未报送（第1次督促）", ["第1次督促", "抄送：济南市"],
     "[Warning] Annual summary still not filed (warning 1)", ["warning number 1", "Copied to: 济南市"]),
    (ev.task_overdue_soon,
     "【审核期限提醒】省级专家初审：济南市市中区", ["还有3天到期", "2027年7月20日前", "您单位"],
     "[Review deadline] Provincial expert preliminary review", ["due in 3 days", "20 July 2027"]),
    (ev.task_overdue,
     "【审核逾期】省级专家初审", ["自2027年7月21日起逾期", "尚未指定承办人"],
     "[Review overdue] Provincial expert", ["overdue since 21 July 2027", "nobody has taken it"]),
    (ev.request_filed,
     f"【延期申请】{ev.TITLE}", ["提交山东省审批", "申请延期至：2030年2月28日", ev.EXTENSION_ASKED],
     "[Extension request]", ["New last day asked for: 28 February 2030", ev.EXTENSION_ASKED]),
    (lambda: ev.request_filed("revocation"),
     "【撤销建议】", ["提出撤销认定建议", ev.REVOCATION_PROPOSED],
     "[Revocation proposed]", ["be revoked", ev.REVOCATION_PROPOSED]),
    (ev.request_decided,
     f"【延期审批】{ev.TITLE}：批准", ["理由充分，同意。", "实验期延长至2030年2月28日"],
     "[Extension decided]", ["Approved", "now ends on 28 February 2030", "理由充分，同意。"]),
    (lambda: ev.request_decided("extension", "refused"),
     "【延期审批】", ["不予批准", "原实验方案和期限不变"],
     "[Extension decided]", ["Refused", "stay as they were"]),
    (lambda: ev.request_decided("termination"),
     "【中止审批】", ["实验中止事项", "不再报送"],
     "[Termination decided]", ["The experiment ends now"]),
    (lambda: ev.request_decided("content_change"),
     "【变更审批】", ["内容变更事项", "按批准后的实验内容"],
     "[Change decided]", ["content as approved"]),
    (lambda: ev.request_decided("acceptance", "accepted_with_title"),
     "【验收结果】", ["验收通过并授予称号", "授予称号：山东省城乡社区治理实验区", "鲁民函〔2029〕30号"],
     "[Acceptance result]", ["Shandong urban-rural community governance experimental zone"]),
    (lambda: ev.request_decided("acceptance", "failed"),
     "【验收结果】", ["验收未通过"],
     "[Acceptance result]", ["Not accepted"]),
    (lambda: ev.request_decided("revocation", "revoked"),
     "【撤销通知】", ["关于撤销贵单位", "撤销认定", "鲁民函〔2029〕30号"],
     "[Revocation]", ["Designation revoked", "proposal to revoke"]),
    (ev.state_changed,
     "【撤销通知】", ["实验区认定已于2029年6月20日被撤销"],
     "[Revocation]", ["designation revoked on 20 June 2029"]),
    (lambda: ev.state_changed("extended", "active"),
     "【延期通知】", ["实验期已延长至2030年2月28日"],
     "[Extension]", ["extended to 28 February 2030"]),
    (lambda: ev.state_changed("titled"),
     "【验收结果】", ["通过验收，并被授予“山东省城乡社区治理实验区”称号"],
     "[Acceptance result]", ["holds the title"]),
    (lambda: ev.state_changed("under_acceptance"),
     "【验收受理】", ["进入验收阶段", "验收结果将另行通知"],
     "[Acceptance review]", ["entered its acceptance review on 20 June 2029"]),
    (lambda: ev.state_changed("terminated"),
     "【中止通知】", ["已于2029年6月20日中止"],
     "[Terminated]", ["ended its experiment on 20 June 2029"]),
    (ev.recommended,
     "【择优推荐】", ["择优推荐贵单位", "申报全国社区治理和服务创新实验区", "推荐意见：红色物业", "预填"],
     "[Recommendation]", ["for the National community governance", "Opinion: 红色物业", "pre-filled"]),
    (ev.recommended_rural,
     "【择优推荐】", ["申报全国农村社区治理实验区"],
     "[Recommendation]", ["for the National rural community governance experimental zones"]),
    # 001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查…对工作成效不明显…及时督促改进"
    (ev.inspected,
     "【不定期检查】评价“成效不明显，督促改进”，须整改",
     ["山东省已于2028年5月10日", ev.FINDINGS, "整改期限：2028年7月31日", "抄送：民政部、山东省",
      "建议撤销实验区认定"],
     "[Irregular inspection] rated little effect", ["10 May 2028", ev.FINDINGS, "By: 31 July 2028"]),
    # 001:417 "临时工作信息可随时报送"
    (ev.progress_reported,
     "【工作进展】居民议事会整改情况", ["2028年7月20日", "检查整改情况", "抄送民政部、山东省"],
     "[Progress] 居民议事会整改情况", ["20 July 2028", "follow-up to an inspection"]),
    # 001:425 "对长期工作不力、改进效果不明显的，建议取消示范单位称号"
    (ev.proposed,
     "【撤销建议】", ["山东省已于", "依据检查发现的情况", "由民政部审议决定", ev.FINDINGS],
     "[Revocation proposed]", ["山东省 proposed", "on an inspection's findings", "民政部 will decide"]),
    (ev.unit_registered,
     "【示范单位登记】济南市市中区大观园街道", ["2027年3月1日", "由山东省负责联系", "每季度"],
     "[Registration] 济南市市中区大观园街道: Demonstration street", ["1 March 2027", "every quarter"]),
]  # fmt: skip


def _clean(msg: RenderedMessage) -> None:
    text = msg.subject + "\n" + msg.body
    assert "事件类型" not in text and "Event type" not in text  # not the generic template
    assert "reviewer:" not in text  # a person reference is never shown
    assert "None" not in text and "{{" not in text and "{%" not in text
    assert "\n\n\n" not in msg.body


@pytest.mark.parametrize(("make", "zh_subject", "zh_facts", "en_subject", "en_facts"), CASES)
def test_each_event_has_a_specific_notice_in_chinese_and_english(
    make: Callable[[], Event], zh_subject: str, zh_facts: list[str], en_subject: str, en_facts: list[str]
) -> None:
    event = make()
    zh, en = render(event, "zh-CN"), render(event, "en")
    assert zh.subject.startswith(zh_subject), zh.subject
    assert all(f in zh.body for f in zh_facts), zh.body
    assert en.subject.startswith(en_subject), en.subject
    assert all(f in en.body for f in en_facts), en.body
    for msg in (zh, en):
        _clean(msg)
        assert msg.body.rstrip().endswith(("请勿直接回复）", "please do not reply)", "申报管理系统", "zones"))


@pytest.mark.parametrize("audience", ["supervisor", "reviewer", "subscriber"])
@pytest.mark.parametrize("make", [c[0] for c in CASES])
def test_others_than_the_applicant_are_not_addressed_as_it(make: Callable[[], Event], audience: str) -> None:
    for language in ("zh-CN", "en"):
        for view in (VIEW, None):
            msg = render(make(), language, audience, view)
            _clean(msg)
            assert "贵单位" not in msg.body
            assert "Your " not in msg.body and "your zone" not in msg.body


def test_the_level_above_reads_who_is_late_and_is_asked_to_urge_it() -> None:
    zh = render(ev.overdue(), "zh-CN", "supervisor")
    assert zh.subject.startswith("【逾期提醒】济南市市中区：2027年度实验总结")
    assert "请督促其尽快补报" in zh.body
    warned = render(ev.warned(), "en", "supervisor")
    assert warned.body.startswith("To 济南市,") and "Please urge it to file" in warned.body
    task = render(ev.task_overdue(), "zh-CN", "supervisor")
    assert "山东省有一项待审事项已超过办理期限" in task.body and "请督促办理" in task.body


def test_a_reviewer_is_asked_to_review_a_filing_and_the_applicant_gets_a_receipt() -> None:
    assert render(ev.filed(), "zh-CN", "reviewer").subject == "【待审材料】济南市市中区：2027年度实验总结"
    assert "请及时审核" in render(ev.filed(), "zh-CN", "reviewer").body
    assert "山东省将进行审核" in render(ev.filed(), "zh-CN").body


def test_a_returned_filing_asks_for_rework_an_accepted_one_does_not() -> None:
    assert "重新报送（原截止日期：2027年12月31日）" in render(ev.filing_reviewed(), "zh-CN").body
    accepted = render(ev.filing_reviewed("accepted"), "zh-CN")
    assert accepted.subject == "【报送审核】2027年度实验总结：审核通过" and "原截止日期" not in accepted.body


def test_a_unit_has_its_title_withdrawn_and_a_zone_without_a_view_is_named_by_its_unit() -> None:
    msg = render(ev.state_changed(), "zh-CN", view=None)
    assert msg.subject == "【撤销通知】济南市市中区：撤销认定"
    assert "贵单位的实验区认定已于2029年6月20日被撤销" in msg.body


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_event_a_person_is_told_of_has_its_own_template(language: str) -> None:
    told = sorted(set(EVENT_TYPES) - TO_OPS)
    missing = [t for t in told if not (TEMPLATES / language / f"{t}.j2").is_file()]
    assert missing == [], f"no {language} template for {missing}: add one (the generic one says nothing)"


def test_a_recommendation_outside_the_system_promises_no_prefilled_application() -> None:
    """003:47–49: 全国农村社区治理实验区 has no definition here, so nothing waits to be completed."""
    zh, en = render(ev.recommended_rural(), "zh-CN"), render(ev.recommended_rural(), "en")
    assert "预填" not in zh.body and "pre-filled" not in en.body
    assert "预填" in render(ev.recommended(), "zh-CN").body  # the same check finds it where it belongs
