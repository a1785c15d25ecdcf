"""Every other programme: a valid submission, and each of its rules alone giving exactly its reason code."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.intake.domain.facts import Facts
from services.intake.domain.rules import check_submission
from services.intake.tests.unit.drafts import IN_EVERY_WINDOW, TEXT, VALID, draft, programme

W = IN_EVERY_WINDOW
TOP10_FORM = VALID["top10-innovation"]["form"]
NATIONAL = Facts(designated_in=frozenset({"national-zones"}))
ROUND = "“三社联动”机制建设"


def codes(
    key: str, over: dict[str, Any], at: datetime = IN_EVERY_WINDOW, facts: Facts | None = None
) -> list[str]:
    return [r.code for r in check_submission(draft(key, **over), programme(key), at, facts)]


@pytest.mark.parametrize("key", sorted(VALID))
def test_a_valid_submission_passes(key: str) -> None:
    assert codes(key, {}) == []


@pytest.mark.parametrize("key", sorted(VALID))
def test_a_second_open_one_is_a_duplicate(key: str) -> None:
    assert codes(key, {}, facts=Facts(has_open_duplicate=True)) == ["duplicate_open_application"]


CASES: list[tuple[str, dict[str, Any], datetime, Facts | None, list[str]]] = [
    # national-zones: rolling, districts (a prefecture city only with a justification), ≤ 3 years
    ("national-zones", {"applicant_code": "370000"}, W, None, ["wrong_level"]),
    ("national-zones", {"applicant_code": "370100"}, W, None, ["justification_missing"]),
    ("national-zones", {"documents": {}}, W, None, ["missing_document"]),
    ("national-zones", {"documents": {"application_letter": "申请"}}, W, None, ["document_too_short"]),
    ("national-zones", {"plan": {"background": TEXT * 40}}, W, None, ["missing_section"] * 3),
    ("national-zones", {"theme": ""}, W, None, ["theme_missing"]),
    ("national-zones", {"period_months": 37}, W, None, ["period_too_long"]),
    # jilin-zones: by 30 September, three conditions, ≥ 3000 characters, exactly 2 years, no national zones
    ("jilin-zones", {}, datetime(2027, 10, 1, 2, tzinfo=UTC), None, ["window_closed"]),
    ("jilin-zones", {"applicant_code": "370103"}, W, None, ["outside_territory"]),
    ("jilin-zones", {"applicant_code": "220100"}, W, None, ["justification_missing"]),
    ("jilin-zones", {}, W, NATIONAL, ["already_national_zone"]),
    ("jilin-zones", {"attestations": ("solid_foundation",)}, W, None, ["condition_not_attested"] * 2),
    ("jilin-zones", {"documents": {}}, W, None, ["missing_document"]),
    (
        "jilin-zones",
        {"plan": {k: TEXT * 19 for k in ("background", "theme", "content", "safeguards")}},
        W,
        None,
        ["plan_too_short"],
    ),
    ("jilin-zones", {"theme": "推进智慧社区建设"}, W, None, ["theme_not_listed"]),
    ("jilin-zones", {"period_months": 36}, W, None, ["period_too_long"]),
    ("jilin-zones", {"period_months": 12}, W, None, ["period_not_fixed"]),
    # top10-innovation: a dossier in the annual window, on the annual theme, with its own form
    ("top10-innovation", {}, datetime(2027, 4, 1, 2, tzinfo=UTC), None, ["window_closed"]),
    ("top10-innovation", {"applicant_code": "220000"}, W, None, ["wrong_level"]),
    ("top10-innovation", {"theme": "智慧社区"}, W, None, ["theme_not_listed"]),
    ("top10-innovation", {"form": {**TOP10_FORM, "practice": ""}}, W, None, ["missing_field"]),
    ("top10-innovation", {"form": {**TOP10_FORM, "results": TEXT}}, W, None, ["field_too_short"]),
    # rural-full-coverage: a self-nomination against the five standards, facilities within reach
    ("rural-full-coverage", {"attestations": ()}, W, None, ["condition_not_attested"]),
    ("rural-full-coverage", {"applicant_code": "370100"}, W, None, ["wrong_level"]),
]


@pytest.mark.parametrize(("key", "over", "at", "facts", "expected"), CASES)
def test_each_rule_gives_its_own_reason(
    key: str, over: dict[str, Any], at: datetime, facts: Facts | None, expected: list[str]
) -> None:
    assert codes(key, over, at, facts) == expected


def test_an_exceptional_level_with_a_justification_is_accepted() -> None:
    assert codes("national-zones", {"applicant_code": "370100", "justification": "全市统筹推进"}) == []


def test_rural_form_numbers_are_checked_against_the_standards() -> None:
    form = dict(VALID["rural-full-coverage"]["form"])
    negative = {"form": {**form, "facility_radius_km": -1}}
    assert codes("rural-full-coverage", negative) == ["field_out_of_range"]
    # 001:485 服务设施幅射半径一般不超过2-3公里: a norm (warned about), not a bound
    assert codes("rural-full-coverage", {"form": {**form, "facility_radius_km": 4}}) == []
    assert codes("rural-full-coverage", {"form": {**form, "walking_minutes": "近"}}) == ["field_not_a_number"]
    del form["leadership"]
    assert codes("rural-full-coverage", {"form": form}) == ["missing_field"]


def test_the_liaison_programme_is_not_applied_for() -> None:
    got = check_submission(
        draft("national-zones", programme="harmonious-demo-liaison"),
        programme("harmonious-demo-liaison"),
        IN_EVERY_WINDOW,
    )
    assert [r.code for r in got] == ["registration_only"]
