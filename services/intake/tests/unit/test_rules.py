"""Shandong's rules, each alone: exactly one reason code; character counting; the refusal carries all."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.intake.domain.facts import Facts
from services.intake.domain.model import Application
from services.intake.domain.plan_text import count_characters
from services.intake.domain.rules import check_submission
from services.intake.tests.unit.drafts import draft, programme
from shared.errors import Refused
from shared.events.schemas import ApplicationSubmitted

SHANDONG = programme("shandong-zones")
IN_WINDOW = datetime(2027, 5, 10, 2, 0, tzinfo=UTC)
THEME = "推进智慧社区建设"


def codes(over: dict[str, object], at: datetime = IN_WINDOW, facts: Facts | None = None) -> list[str]:
    return [r.code for r in check_submission(draft("shandong-zones", **over), SHANDONG, at, facts)]


def test_a_valid_application_passes() -> None:
    assert codes({}) == []


@pytest.mark.parametrize(
    ("over", "at", "facts", "expected"),
    [
        ({"applicant_code": "370100"}, IN_WINDOW, None, "wrong_level"),
        ({"applicant_code": "220104"}, IN_WINDOW, None, "outside_territory"),
        ({"applicant_code": "37a103"}, IN_WINDOW, None, "invalid_jurisdiction"),
        ({"theme": "农村改革"}, IN_WINDOW, None, "theme_not_listed"),
        ({"theme": " "}, IN_WINDOW, None, "theme_missing"),
        ({"guidance_expert": " "}, IN_WINDOW, None, "guidance_expert_missing"),
        ({"period_months": 25}, IN_WINDOW, None, "period_too_long"),
        ({"period_months": 0}, IN_WINDOW, None, "period_invalid"),
        ({}, IN_WINDOW, Facts(has_open_duplicate=True), "duplicate_open_application"),
        ({}, IN_WINDOW, Facts(failed_reviews={"preliminary_review": 2}), "theme_barred"),
    ],
)
def test_each_rule_gives_its_own_reason(
    over: dict[str, object], at: datetime, facts: Facts | None, expected: str
) -> None:
    assert codes(over, at, facts) == [expected]


def test_a_submission_after_30_june_is_taken_for_the_next_round() -> None:
    """003:31 "实验方案经市级民政部门审核通过，电子版于 6 月 30 日前报省民政厅": the date binds the
    prefecture's forward to the province, not the county's submission."""
    assert codes({}, datetime(2027, 7, 1, 2, 0, tzinfo=UTC)) == []
    assert SHANDONG.forward_by("prefecture_review", datetime(2027, 7, 1, 2, 0, tzinfo=UTC)) == date(
        2028, 6, 30
    )
    at = datetime(2027, 6, 30, 15, 59, tzinfo=UTC)  # 23:59 in Shandong: still this year's round
    assert SHANDONG.forward_by("prefecture_review", at) == date(2027, 6, 30)
    assert SHANDONG.forward_by("prefecture_review", at.replace(hour=16)) == date(2028, 6, 30)
    assert SHANDONG.forward_by("preliminary_review", datetime(2027, 6, 1, tzinfo=UTC)) is None


def test_one_failed_review_or_failures_of_an_uncounted_stage_do_not_bar() -> None:
    assert codes({}, facts=Facts(failed_reviews={"preliminary_review": 1})) == []
    assert codes({}, facts=Facts(failed_reviews={"prefecture_review": 5})) == []


def test_missing_section_and_short_plan() -> None:
    text = "本区坚持以人民为中心，推进社区治理创新。" * 60
    plan = {"background": text * 2, "theme_goals": text, "measures": text}
    assert codes({"plan": plan}) == ["missing_section"]
    short = {k: "短" * 900 for k in ("background", "theme_goals", "measures", "safeguards")}
    assert codes({"plan": short}) == ["plan_too_short"]


def test_characters_are_counted_as_a_chinese_reader_counts() -> None:
    assert count_characters("社区治理") == 4
    assert count_characters("社区 治理，OK 2027年") == 8  # 社区治理，= 5, OK = 1, 2027 = 1, 年 = 1
    assert count_characters("   \n\t") == 0
    assert len("社区".encode()) == 6 and count_characters("社区") == 2


def test_submit_raises_the_event_and_refusal_carries_every_reason() -> None:
    app = Application.submit(
        draft("shandong-zones"), SHANDONG, IN_WINDOW, reference_no="SZ-2027-370103-01", facts=Facts()
    )
    assert app.stage == "prefecture_review"
    [event] = app.events
    assert isinstance(event, ApplicationSubmitted) and event.plan_characters == app.plan_characters
    assert event.revision == 0
    with pytest.raises(Refused) as err:
        bad = draft("shandong-zones", theme="x", period_months=99)
        Application.submit(bad, SHANDONG, IN_WINDOW, reference_no="r", facts=Facts())
    assert [r.code for r in err.value.reasons] == ["theme_not_listed", "period_too_long"]
    assert all(r.message_zh and r.message_en and r.field for r in err.value.reasons)
