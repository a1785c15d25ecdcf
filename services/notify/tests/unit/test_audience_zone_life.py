"""The default rules for a zone's life (DOMAIN.md section 4): the applicant hears of every due date,
overdue item, warning, decision and change; the authority of what it must act on; reviewers of their
deadlines; the level above of overdue items and warnings. What is critical cannot be muted."""

from __future__ import annotations

from typing import Any

import pytest

from services.notify.domain.audience import default_targets
from services.notify.domain.categories import Category, category_of, is_critical
from services.notify.domain.model import ApplicationView
from services.notify.domain.preferences import Disposition, disposition
from services.notify.domain.subscriber import Channel, Preferences, Subscriber
from services.notify.tests import samples as ev
from shared.events.registry import Event

VIEW = ApplicationView(ev.APP_ID, "shandong-zones", "370103", "济南市市中区", "sq@jnsz.gov.cn", ev.TITLE,
                       "SZ-2027-370103-01")  # fmt: skip
APPLICANT, CITY, PROVINCE = "applicant@370103", "supervisor@370100", "reviewer@370000"


def targets(event: Event, data: dict[str, Any] | None = None) -> list[str]:
    found = default_targets(event.type, {**event.model_dump(mode="json"), **(data or {})}, VIEW)
    return [f"{t.role.value}@{t.code}" for t in found]


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (ev.due_soon(30), [APPLICANT]),  # every due date ahead of time, and on the day
        (ev.due_soon(0), [APPLICANT]),
        (ev.due_soon(30, by_owner=True), [PROVINCE]),  # the authority's own item: the acceptance review
        (ev.overdue(), [APPLICANT, CITY]),
        (ev.warned(), [APPLICANT, CITY]),
        (ev.filed(), [PROVINCE, APPLICANT, CITY]),  # the authority reviews the filing
        (ev.filing_reviewed(), [APPLICANT]),
        (ev.task_overdue_soon(), [PROVINCE, "supervisor@000000"]),  # near its deadline: and the level above
        (ev.task_overdue(), [PROVINCE, "supervisor@000000"]),  # overdue: and the level above them
        (ev.request_filed(), [APPLICANT]),  # the authority hears of it as a review task
        (ev.request_filed("revocation"), [APPLICANT]),
        (ev.request_decided(), [APPLICANT]),
        (ev.request_decided("acceptance", "accepted"), [APPLICANT]),
        (ev.state_changed(), [APPLICANT]),
        (ev.recommended(), [APPLICANT]),
        # issue 17 point 9 (001:425): the zone and its supervising levels — the ministry and the province
        (ev.inspected(), [APPLICANT, "supervisor@000000", "supervisor@370000"]),
        (ev.progress_reported(), [APPLICANT, CITY, "supervisor@000000", "supervisor@370000"]),
        (ev.proposed(), [APPLICANT, "supervisor@000000", "supervisor@370000"]),
    ],
)
def test_each_zone_event_reaches_whom_domain_section_4_says(event: Event, expected: list[str]) -> None:
    assert targets(event) == expected


def test_a_warning_reaches_the_level_above_it_names() -> None:
    assert targets(ev.warned(), {"level_above": "370000"}) == [APPLICANT, "supervisor@370000"]


def test_a_registered_unit_is_told_at_its_mailbox_and_its_liaising_level_too() -> None:
    event = ev.unit_registered()
    unit, liaison = default_targets(event.type, event.model_dump(mode="json"), None)
    assert (unit.role.value, unit.code, unit.unit.name, unit.unit.email) == (
        "applicant", "370103", "济南市市中区大观园街道", "dgy@jnsz.gov.cn"
    )  # fmt: skip
    assert (liaison.role.value, liaison.code) == ("supervisor", "370000")


@pytest.mark.parametrize(
    ("event_type", "category"),
    [
        ("zones.obligation.overdue.v1", Category.OVERDUE),
        ("zones.zone.warned.v1", Category.OVERDUE),
        ("zones.review.task_overdue.v1", Category.OVERDUE),
        ("zones.review.task_overdue_soon.v1", Category.OVERDUE),  # issue 4: reviewer and level above
        ("zones.obligation.reviewed.v1", Category.DECISION),
        ("zones.zone.request_decided.v1", Category.DECISION),
        ("zones.zone.state_changed.v1", Category.DECISION),  # revocation, termination, acceptance …
        ("zones.demonstration_unit.registered.v1", Category.DESIGNATION),
        ("zones.obligation.due_soon.v1", Category.OBLIGATION),
        ("zones.obligation.submitted.v1", Category.SUBMISSION),
        ("zones.zone.request_filed.v1", Category.OTHER),
        ("zones.zone.recommended.v1", Category.OTHER),
        ("zones.zone.inspected.v1", Category.DECISION),  # findings, maybe a follow-up (001:425)
        ("zones.zone.progress_reported.v1", Category.SUBMISSION),  # 001:417 临时工作信息可随时报送
    ],
)
def test_overdue_items_warnings_decisions_and_revocations_are_critical_reminders_are_not(
    event_type: str, category: Category
) -> None:
    assert category_of(event_type) is category
    critical = category in (Category.OVERDUE, Category.DECISION, Category.DESIGNATION)
    assert is_critical(event_type) is critical
    muted = Subscriber.applicant("370103", "济南市市中区", "sq@jnsz.gov.cn").with_preferences(
        Preferences(muted=("obligation", "task", "submission", "other"))
    )
    expected = Disposition.SEND if critical else Disposition.MUTE
    assert disposition(muted, event_type, Channel.EMAIL) is expected
