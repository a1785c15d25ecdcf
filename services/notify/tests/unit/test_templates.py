"""Rendering notices in Chinese (the default) and English, with dates as each reader writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.notify.adapters.templates import TemplateMissing, TemplateRenderer, en_date, zh_date
from services.notify.domain.model import ApplicationView, RenderedMessage
from services.notify.domain.notices import notice_for
from services.notify.tests import samples as ev
from shared.events.registry import Event
from shared.programmes.loader import default_catalogue

RENDERER = TemplateRenderer()
PROGRAMME = default_catalogue().get("shandong-zones")
VIEW = ApplicationView(ev.APP_ID, "shandong-zones", "370103", "济南市市中区", "sq@jnsz.gov.cn", ev.TITLE,
                       "SZ-2027-370103-01")  # fmt: skip


def render(event: Event, language: str = "zh-CN", view: ApplicationView | None = VIEW) -> RenderedMessage:
    notice = notice_for("event-1", event, view, PROGRAMME)
    return RENDERER.render(notice.event_type, language, notice.facts)


def test_dates_as_a_chinese_and_an_english_reader_write_them() -> None:
    assert zh_date(date(2027, 6, 1)) == "2027年6月1日"
    assert en_date(date(2027, 6, 1)) == "1 June 2027"
    # a time is the reader's (Shanghai) calendar date: 17:30 UTC on 31 May is 1 June there
    assert zh_date(datetime(2027, 5, 31, 17, 30, tzinfo=UTC)) == "2027年6月1日"
    assert zh_date("2027-12-09") == "2027年12月9日" and zh_date(None) == ""


def test_receipt_in_chinese_carries_title_reference_and_date() -> None:
    msg = render(ev.submitted())
    assert msg.subject == f"【申报受理】{ev.TITLE}（受理编号：SZ-2027-370103-01）"
    assert "济南市市中区：" in msg.body and "已于2027年6月1日受理" in msg.body
    assert "山东省城乡社区治理实验区" in msg.body and "{{" not in msg.body


def test_receipt_in_english() -> None:
    msg = render(ev.submitted(), "en")
    assert msg.subject.startswith("[Application received]") and "SZ-2027-370103-01" in msg.subject
    assert "received on 1 June 2027" in msg.body


def test_revision_request_carries_stage_decision_opinion_and_deadline() -> None:
    msg = render(ev.decided("revise"))
    assert msg.subject == f"【审核结果】市级民政部门审核：待完善（{ev.TITLE}）"
    assert "实验举措不够具体，请补充分期规划。" in msg.body
    assert "于2027年7月1日前重新提交" in msg.body and "SZ-2027-370103-01" in msg.body
    en = render(ev.decided("revise"), "en")
    assert "Prefecture review of the plan" in en.subject and "Needs improvement" in en.subject
    assert "by 1 July 2027" in en.body


def test_passing_a_stage_says_what_comes_next_without_a_deadline() -> None:
    msg = render(ev.decided("advance"))
    assert "审核通过" in msg.subject and "重新提交" not in msg.body
    assert "Provincial expert preliminary review" in render(ev.decided("advance"), "en").body


def test_obligation_and_designation_carry_their_dates() -> None:
    assert "2027年10月1日" in render(ev.obligation()).subject
    assert "2027年度实验计划" in render(ev.obligation()).body
    body = render(ev.designated()).body
    assert "鲁民函〔2027〕12号" in body and "2027年9月1日至2029年8月31日" in body


@pytest.mark.parametrize("language", ["zh-CN", "en"])
@pytest.mark.parametrize(
    "event",
    [ev.submitted(), ev.task_opened(), ev.decided(), ev.decided("advance"), ev.designated(), ev.obligation()],
)
def test_every_event_renders_in_both_languages_even_without_the_view(event: Event, language: str) -> None:
    for view in (VIEW, None):
        msg = render(event, language, view)
        assert msg.subject.strip() and msg.body.strip() and "None" not in msg.body


def test_unknown_language_falls_back_to_chinese_and_foreign_type_is_refused() -> None:
    assert render(ev.submitted(), "fr").subject.startswith("【申报受理】")
    with pytest.raises(TemplateMissing):
        RENDERER.render("org.example.nothing.v1", "zh-CN", {})
