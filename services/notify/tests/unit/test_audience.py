"""The default rules (DOMAIN.md section 4): applicant, reviewers and the level above, by event."""

from __future__ import annotations

from typing import Any

from services.notify.domain.audience import default_targets
from services.notify.domain.model import ApplicationView
from services.notify.domain.subscriber import Channel, Role, SubscriberKind
from services.notify.tests import samples as ev
from shared.events.registry import Event

VIEW = ApplicationView(ev.APP_ID, "shandong-zones", "370103", "济南市市中区", "sq@jnsz.gov.cn", ev.TITLE,
                       "SZ-2027-370103-01")  # fmt: skip


def targets(event: Event | tuple[str, dict[str, Any]], view: ApplicationView | None = VIEW) -> list[str]:
    kind, data = (event.type, event.model_dump(mode="json")) if isinstance(event, Event) else event
    return [f"{t.role.value}@{t.code}" for t in default_targets(kind, data, view)]


def test_a_submission_reaches_the_applicant_and_the_level_above() -> None:
    assert targets(ev.submitted(), None) == ["applicant@370103", "supervisor@370100"]
    applicant = default_targets(ev.submitted().type, ev.submitted().model_dump(mode="json"), None)[0].unit
    assert applicant.id == "applicant:370103" and applicant.kind is SubscriberKind.APPLICANT
    assert applicant.email == "sq@jnsz.gov.cn" and applicant.name == "济南市市中区"
    assert applicant.reachable_channels() == [Channel.EMAIL, Channel.IN_APP]


def test_a_task_reaches_the_reviewing_jurisdiction_in_app_only() -> None:
    [reviewer] = default_targets(ev.task_opened().type, ev.task_opened().model_dump(mode="json"), VIEW)
    assert (reviewer.role, reviewer.unit.id, reviewer.unit.name) == (
        Role.REVIEWER,
        "jurisdiction:370100",
        "济南市",
    )
    assert reviewer.unit.reachable_channels() == [Channel.IN_APP]


def test_decisions_and_obligations_reach_the_applicant_designations_also_the_level_above() -> None:
    assert targets(ev.decided()) == targets(ev.obligation()) == ["applicant@370103"]
    assert targets(ev.designated()) == ["applicant@370103", "supervisor@370100"]
    [t] = default_targets(ev.decided().type, ev.decided().model_dump(mode="json"), VIEW)
    assert t.unit.email == "sq@jnsz.gov.cn"


def test_overdue_items_reach_the_one_overdue_and_its_level_above() -> None:
    applicant = {"code": "370103", "name": "济南市市中区"}
    obligation = ("zones.obligation.overdue.v1", {"applicant": applicant, "zone_id": "z"})
    assert targets(obligation) == ["applicant@370103", "supervisor@370100"]
    task = ("zones.review.task_overdue.v1", {"applicant": applicant, "reviewer_jurisdiction": "370100"})
    assert targets(task) == ["reviewer@370100", "supervisor@370000"]


def test_without_a_known_mailbox_the_applicant_is_told_in_app_only() -> None:
    [t, _above] = default_targets(ev.designated().type, ev.designated().model_dump(mode="json"), None)
    assert t.unit.email is None and t.unit.reachable_channels() == [Channel.IN_APP]


def test_events_about_no_one_reach_no_one() -> None:
    assert targets(("zones.something.happened.v1", {"x": 1})) == []
